package httpclient

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"
	"time"
)

// TestCreateOnceNeverAnsweringServerEndsWithinOneBudget: the create times
// out, and the look-up (three paged GETs) shares the create's budget instead
// of getting a budget (or eleven timeouts) of its own.
func TestCreateOnceNeverAnsweringServerEndsWithinOneBudget(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := newHangingServer(t, &calls)
	const timeout, budget = 100 * time.Millisecond, 300 * time.Millisecond
	c := budgetClient(t, srv.URL, timeout, budget)
	create := func(ctx context.Context) (string, error) {
		_, err := c.Do(ctx, Request{Method: http.MethodPost, Path: "/things"})
		return "", err
	}
	find := func(ctx context.Context) (string, bool, error) {
		for _, page := range []string{"1", "2", "3"} {
			if _, err := c.Do(ctx, Request{Method: http.MethodGet, Path: "/things?page=" + page}); err != nil {
				return "", false, err
			}
		}
		return "", false, nil
	}
	started := time.Now()
	_, err := CreateOnce(context.Background(), c, create, find)
	took := time.Since(started)
	if !errors.As(err, new(*UncertainError)) {
		t.Fatalf("err = %v, want the create's UncertainError", err)
	}
	if took > timeout+budget+loadSlack {
		t.Fatalf("CreateOnce took %v, want at most timeout + budget (%v) and a little", took, timeout+budget)
	}
}

// TestCreateOnceRepeatsOnlyWithinBudget: creates that fail before being
// applied are sent again only while the budget lasts, not MaxRetries times
// with growing backoff.
func TestCreateOnceRepeatsOnlyWithinBudget(t *testing.T) {
	t.Parallel()
	var creates atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			creates.Add(1)
			dropConnection(t, w)
			return
		}
		writeJSON(w, http.StatusOK, []string{})
	})
	c := budgetClient(t, srv.URL, time.Second, 400*time.Millisecond)
	create := func(ctx context.Context) (string, error) {
		_, err := c.Do(ctx, Request{Method: http.MethodPost, Path: "/things"})
		return "", err
	}
	find := func(ctx context.Context) (string, bool, error) {
		_, err := c.Do(ctx, Request{Method: http.MethodGet, Path: "/things"})
		return "", false, err
	}
	started := time.Now()
	_, err := CreateOnce(context.Background(), c, create, find)
	if took := time.Since(started); took > 400*time.Millisecond+loadSlack {
		t.Fatalf("CreateOnce took %v with a 400ms budget", took)
	}
	if !errors.As(err, new(*UncertainError)) || creates.Load() < 1 || creates.Load() > 20 {
		t.Fatalf("err = %v after %d creates", err, creates.Load())
	}
}
