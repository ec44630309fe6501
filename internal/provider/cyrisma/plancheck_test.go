package cyrisma_test

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"

	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// onlyRecords checks that the plan changes no attribute of addr but
// attrs, each from null to a value: it only records values the API does
// not report.
type onlyRecords struct {
	addr  string
	attrs []string
}

func (c onlyRecords) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.addr {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		after, _ := rc.Change.After.(map[string]any)
		unknown, _ := rc.Change.AfterUnknown.(map[string]any)
		var changed []string
		for _, key := range slices.Sorted(maps.Keys(after)) {
			if unknown[key] == true || !reflect.DeepEqual(before[key], after[key]) {
				changed = append(changed, key)
			}
		}
		if !slices.Equal(changed, c.attrs) {
			resp.Error = fmt.Errorf("%s: the plan changes %v, want only %v", c.addr, changed, c.attrs)
			return
		}
		for _, key := range c.attrs {
			if before[key] != nil || after[key] == nil {
				resp.Error = fmt.Errorf("%s: %s planned from %v to %v, want from null to a value", c.addr, key, before[key], after[key])
				return
			}
		}
		return
	}
	resp.Error = fmt.Errorf("%s not in the plan", c.addr)
}
