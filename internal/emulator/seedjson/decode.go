// Package seedjson reads seed files for the emulator strictly and words
// the errors of seeding. Decode checks a file against the Go type it fills
// (unknown fields, wrong JSON types, malformed JSON with its line and
// column) and returns the parsed document as a Node, which tells which
// fields a hand-written seed left out and names the path of each object in
// errors. It is shared by the emulator's packages only.
package seedjson

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
)

// Decode parses data, one JSON object, into v (a pointer to a struct) and
// returns the document's root Node. Fields are matched by their exact json
// tag name; a field v's type does not have, a value of the wrong JSON type,
// malformed JSON or trailing data is an error naming the path (or the line
// and column). null is accepted anywhere and means "left out".
func Decode(data []byte, v any) (Node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return Node{}, syntaxError(data, err)
	}
	if end := int(dec.InputOffset()); len(bytes.TrimSpace(data[end:])) > 0 {
		rest := bytes.TrimLeft(data[end:], " \t\r\n")
		line, col := position(data, len(data)-len(rest)+1)
		return Node{}, fmt.Errorf("seed: line %d, column %d: unexpected data after the top-level object", line, col)
	}
	var problems Problems
	check(tree, reflect.TypeOf(v).Elem(), "", &problems)
	if err := problems.Err(); err != nil {
		return Node{}, err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return Node{}, fmt.Errorf("seed: %w", err)
	}
	return Node{val: tree}, nil
}

// syntaxError words a JSON decoding error with its line and column.
func syntaxError(data []byte, err error) error {
	var syn *json.SyntaxError
	switch {
	case errors.As(err, &syn):
		line, col := position(data, int(syn.Offset))
		return fmt.Errorf("seed: line %d, column %d: malformed JSON: %s", line, col, syn.Error())
	case errors.Is(err, io.EOF):
		return errors.New("seed: the file is empty")
	case errors.Is(err, io.ErrUnexpectedEOF):
		line, col := position(data, len(data)+1)
		return fmt.Errorf("seed: line %d, column %d: malformed JSON: unexpected end of file", line, col)
	}
	return fmt.Errorf("seed: malformed JSON: %w", err)
}

// position is the 1-based line and column of the byte the decoder had
// just read after consuming offset bytes.
func position(data []byte, offset int) (line, col int) {
	i := min(max(offset-1, 0), len(data))
	before := data[:i]
	return 1 + bytes.Count(before, []byte("\n")), i - bytes.LastIndexByte(before, '\n')
}

// check reports where v, a decoded JSON value, does not fit t.
func check(v any, t reflect.Type, path string, problems *Problems) {
	if v == nil {
		return
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	mismatch := func(want string) {
		problems.Add(&Error{Path: path, Msg: "want " + want + ", got " + jsonKind(v)})
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			mismatch("an object")
			return
		}
		fields := fieldTypes(t)
		for _, key := range sortedKeys(obj) {
			ft, known := fields[key]
			if !known {
				problems.Add(&Error{Path: join(path, key), Msg: "unknown field"})
				continue
			}
			check(obj[key], ft, join(path, key), problems)
		}
	case reflect.Map:
		obj, ok := v.(map[string]any)
		if !ok {
			mismatch("an object")
			return
		}
		for _, key := range sortedKeys(obj) {
			check(obj[key], t.Elem(), join(path, key), problems)
		}
	case reflect.Slice:
		list, ok := v.([]any)
		if !ok {
			mismatch("an array")
			return
		}
		for i, item := range list {
			check(item, t.Elem(), fmt.Sprintf("%s[%d]", path, i), problems)
		}
	case reflect.String:
		if _, ok := v.(string); !ok {
			mismatch("a string")
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			mismatch("true or false")
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if n, ok := v.(json.Number); !ok {
			mismatch("an integer")
		} else if _, err := n.Int64(); err != nil {
			problems.Add(&Error{Path: path, Msg: "want an integer, got " + n.String()})
		}
	}
}

// fieldTypes maps the json names of t's fields to their types.
func fieldTypes(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		out[cmp.Or(name, f.Name)] = f.Type
	}
	return out
}

// sortedKeys returns obj's keys in order, so that errors come in a stable order.
func sortedKeys(obj map[string]any) []string {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// jsonKind names the JSON type of a decoded value.
func jsonKind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case json.Number:
		return "a number"
	}
	return "null"
}

// join appends a field name to a path.
func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
