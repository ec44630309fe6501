package secretlog

import (
	"slices"
	"testing"
)

func TestLogKeepsTheLastValues(t *testing.T) {
	l := New(3)
	l.Add("a", "", "b")
	if got := l.All(); !slices.Equal(got, []string{"a", "b"}) {
		t.Fatalf("All = %v", got)
	}
	l.Add("c", "d", "e")
	if got := l.All(); !slices.Equal(got, []string{"c", "d", "e"}) {
		t.Fatalf("All after wrap = %v", got)
	}
	l.Add("f")
	if got := l.All(); !slices.Equal(got, []string{"d", "e", "f"}) {
		t.Fatalf("All after second wrap = %v", got)
	}
	if New(0).limit != DefaultCapacity {
		t.Error("New(0) does not use DefaultCapacity")
	}
}
