package seedjson

import "testing"

func TestCommitAppliesThenUnlocksOnce(t *testing.T) {
	var calls []string
	finish := Commit(func() { calls = append(calls, "apply") }, func() { calls = append(calls, "unlock") })
	finish(true)
	finish(true)
	finish(false)
	if got := len(calls); got != 2 || calls[0] != "apply" || calls[1] != "unlock" {
		t.Errorf("calls = %v, want [apply unlock]", calls)
	}
}

func TestCommitWithoutApplyOnlyUnlocks(t *testing.T) {
	var calls []string
	finish := Commit(func() { calls = append(calls, "apply") }, func() { calls = append(calls, "unlock") })
	finish(false)
	finish(true)
	if len(calls) != 1 || calls[0] != "unlock" {
		t.Errorf("calls = %v, want [unlock]", calls)
	}
}
