package cyrisma

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
	"github.com/tenantops/terraform-provider-tenant/internal/emulator"
)

// TestLookupEndsWhenTheRateLimiterWouldOutwaitIt: when the client-side rate
// limiter's next turn would come after the look-up's wait, the look-up has
// waited long enough (the instance was not made) and the create is sent
// again, instead of the look-up's limiter error ending the create.
func TestLookupEndsWhenTheRateLimiterWouldOutwaitIt(t *testing.T) {
	t.Parallel()
	ts := startEmulator(t, emulator.Faults{ErrorRate: 1, OnlyMethod: http.MethodPost, OnlyPathPrefix: "/app/partner/instances/create"})
	cfg := configFor(ts)
	cfg.LookupWait = 300 * time.Millisecond
	// One request per second: the look-up right after a create must wait
	// about a second for its turn, longer than the look-up's 300 ms.
	c := New(cfg, httpclient.Config{Timeout: 5 * time.Second, MaxRetries: 1, MaxRequestsPerSecond: 1})
	ts.Server.ResetRequestCounts()
	_, err := c.CreateInstance(context.Background(), standardInput(ts.Server.Fixtures().CyrismaRootInstanceID, "Slow", "slow"))
	var uncertain *httpclient.UncertainError
	if !errors.As(err, &uncertain) || !httpclient.HasStatus(err, http.StatusServiceUnavailable) {
		t.Fatalf("err = %T %v, want an UncertainError wrapping a 503", err, err)
	}
	if got := ts.Server.RequestCounts().Routes[routeCreate]; got != 2 {
		t.Fatalf("%d creates, want 2: the look-up that the limiter cut short must count as not found", got)
	}
}
