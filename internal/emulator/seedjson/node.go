package seedjson

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Node is one value of a seed document: its path (such as
// "cryptr.organizations[2]"), an optional label naming the object in
// errors (such as its name), and the decoded JSON value.
type Node struct {
	path, label string
	val         any
}

// Field returns the node of the object field name (a null node when the
// field is absent).
func (n Node) Field(name string) Node {
	obj, _ := n.val.(map[string]any)
	return Node{path: join(n.path, name), val: obj[name]}
}

// Index returns the node of item i of an array.
func (n Node) Index(i int) Node {
	list, _ := n.val.([]any)
	var v any
	if i >= 0 && i < len(list) {
		v = list[i]
	}
	return Node{path: n.path + "[" + strconv.Itoa(i) + "]", val: v}
}

// Has reports whether the object has field name with a non-null value.
func (n Node) Has(name string) bool {
	obj, _ := n.val.(map[string]any)
	return obj[name] != nil
}

// Labeled returns n named by label in errors (a quoted name after the
// path); an empty label changes nothing.
func (n Node) Labeled(label string) Node {
	n.label = label
	return n
}

// Path is the node's path in the document.
func (n Node) Path() string { return n.path }

// Err returns an error about field of this object; an empty field means
// the object as a whole.
func (n Node) Err(field, format string, args ...any) error {
	return &Error{Path: n.path, Label: n.label, Field: field, Msg: fmt.Sprintf(format, args...)}
}

// Time parses value, the RFC 3339 text of field, returning def when value
// is empty.
func (n Node) Time(field, value string, def time.Time) (time.Time, error) {
	if value == "" {
		return def, nil
	}
	t, err := time.Parse(time.RFC3339, value)
	if err != nil {
		return def, n.Err(field, "must be an RFC 3339 time, such as 2026-01-02T03:04:05Z")
	}
	return t.UTC(), nil
}

// Or returns value when n's object has field, and def when the field was
// left out (absent or null): the default of a hand-written seed.
func Or[T any](n Node, field string, value, def T) T {
	if n.Has(field) {
		return value
	}
	return def
}

// Error is one problem of a seed file: the path of the object, its label,
// the field at fault and what is wrong. It reads
// `seed: cryptr.organizations[2] ("Acme"): domain: must be ...`.
type Error struct {
	Path, Label, Field, Msg string
}

// Error words the problem.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("seed: ")
	if e.Path != "" {
		b.WriteString(e.Path)
		if e.Label != "" {
			b.WriteString(" (" + strconv.Quote(e.Label) + ")")
		}
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Problems collects the errors found in a seed, in the order found.
type Problems []error

// Add records err unless it is nil.
func (p *Problems) Add(err error) {
	if err != nil {
		*p = append(*p, err)
	}
}

// Err joins the problems, one a line, or returns nil when there are none.
func (p Problems) Err() error { return errors.Join(p...) }
