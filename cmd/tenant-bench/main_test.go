package main

import (
	"io"
	"reflect"
	"testing"
)

func TestParseFlags(t *testing.T) {
	c, err := parseFlags([]string{"-n", "100, 500", "-repeat", "3", "-out", "B.md"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.opts.Sizes, []int{100, 500}) || c.opts.Repeat != 3 || c.out != "B.md" || c.opts.Parallelism != 10 || !c.opts.Diagnose {
		t.Errorf("config = %+v", c)
	}
	d, err := parseFlags(nil, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(d.opts.Sizes, []int{100, 500, 1000}) || d.opts.Repeat != 1 || d.out != "" {
		t.Errorf("defaults = %+v", d)
	}
	for _, bad := range [][]string{{"-n", "100,x"}, {"-n", "3"}, {"-repeat", "0"}, {"extra"}} {
		if _, err := parseFlags(bad, io.Discard); err == nil {
			t.Errorf("parseFlags(%q) succeeded", bad)
		}
	}
}
