package httpclient

import (
	"fmt"
	"reflect"
)

// Identified is implemented by the API objects whose answers must carry an
// identifying field (an id, a domain, a UUID). Do checks it on every 2xx
// answer decoded into such an object, or into a slice of them, so that an
// object with an empty identity never reaches the provider's state.
type Identified interface {
	// Identity returns the identifying field's name, as the API spells it,
	// and its value in the answer.
	Identity() (field, value string)
}

// IdentityChecker is implemented by answers that hold several objects, such
// as a list page or an envelope: MissingIdentity returns the identifying
// field of the first object that lacks it.
type IdentityChecker interface {
	MissingIdentity() (field string, missing bool)
}

// FirstMissingIdentity returns the identifying field of the first element of
// items that implements Identified (through a pointer) with an empty value.
func FirstMissingIdentity[T any](items []T) (string, bool) {
	for i := range items {
		if id, ok := any(&items[i]).(Identified); ok {
			if field, value := id.Identity(); value == "" {
				return field, true
			}
		}
	}
	return "", false
}

// MissingIdentityError reports a 2xx answer that lacks the identifying field
// of the object it describes: it cannot be trusted, and nothing of it is
// stored.
type MissingIdentityError struct {
	Service      string
	Method, Path string
	// Field is the identifying field that is missing or empty.
	Field string
}

// Error implements error.
func (e *MissingIdentityError) Error() string {
	return fmt.Sprintf("%s API: %s %s answered without the object's %q: the answer is not trusted and nothing of it was stored", e.Service, e.Method, e.Path, e.Field)
}

// missingIdentity returns the identifying field that result lacks, if any:
// result is an Identified, an IdentityChecker, or a pointer to a slice of
// Identified values.
func missingIdentity(result any) (string, bool) {
	switch r := result.(type) {
	case Identified:
		field, value := r.Identity()
		return field, value == ""
	case IdentityChecker:
		return r.MissingIdentity()
	}
	v := reflect.ValueOf(result)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Slice {
		return "", false
	}
	s := v.Elem()
	for i := range s.Len() {
		item := s.Index(i)
		if !item.CanAddr() {
			break
		}
		if id, ok := item.Addr().Interface().(Identified); ok {
			if field, value := id.Identity(); value == "" {
				return field, true
			}
		}
	}
	return "", false
}
