package httpclient

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
)

// thing is an object of a fake API for the CreateUnlessExists tests.
type thing struct{ ID, Name string }

// thingAPI holds things by name; its create refuses a taken name with
// refusal (unless duplicates are allowed).
type thingAPI struct {
	things          []thing
	allowDuplicates bool
	refusal         int
	creates, finds  int
}

func (a *thingAPI) create(name string) func(context.Context) (*thing, error) {
	return func(context.Context) (*thing, error) {
		a.creates++
		if !a.allowDuplicates {
			for _, t := range a.things {
				if t.Name == name {
					return nil, &APIError{Service: "Fake", Method: http.MethodPost, Path: "/things", StatusCode: a.refusal,
						FieldErrors: map[string][]string{"name": {"has already been taken"}}}
				}
			}
		}
		made := thing{ID: "t" + string(rune('0'+len(a.things))), Name: name}
		a.things = append(a.things, made)
		return &made, nil
	}
}

func (a *thingAPI) find(name string) func(context.Context) (*thing, bool, error) {
	return func(context.Context) (*thing, bool, error) {
		a.finds++
		for i := range a.things {
			if a.things[i].Name == name {
				return &a.things[i], true, nil
			}
		}
		return nil, false, nil
	}
}

func TestCreateUnlessExistsReportsTheObjectBehindARefusal(t *testing.T) {
	for _, status := range []int{http.StatusBadRequest, http.StatusConflict, http.StatusUnprocessableEntity} {
		api := &thingAPI{things: []thing{{ID: "t0", Name: "acme"}}, refusal: status}
		key := NaturalKey{Service: "Fake", Kind: "thing", Key: `name "acme"`}
		_, err := CreateUnlessExists(context.Background(), testBudgetClient, key, api.create("acme"), api.find("acme"))
		got, ok := ExistingAs[thing](err)
		if !ok || got.ID != "t0" {
			t.Fatalf("status %d: err = %v, want an ExistsError holding t0", status, err)
		}
		exists, _ := AsExists(err)
		if !HasStatus(err, status) || exists.Refusal == nil {
			t.Errorf("status %d: the refusal is not kept: %v", status, err)
		}
		if msg := err.Error(); !strings.Contains(msg, `a Fake thing with name "acme" already exists`) || !strings.Contains(msg, "already been taken") {
			t.Errorf("status %d: message %q", status, msg)
		}
		if len(api.things) != 1 {
			t.Errorf("status %d: %d things, want 1", status, len(api.things))
		}
	}
}

func TestCreateUnlessExistsChecksFirstWhenTheAPIWouldDuplicate(t *testing.T) {
	api := &thingAPI{things: []thing{{ID: "t0", Name: "hook"}}, allowDuplicates: true}
	key := NaturalKey{Service: "Fake", Kind: "webhook", Key: `name "hook"`, CheckFirst: true}
	_, err := CreateUnlessExists(context.Background(), testBudgetClient, key, api.create("hook"), api.find("hook"))
	exists, ok := AsExists(err)
	if !ok || exists.Refusal != nil || api.creates != 0 {
		t.Fatalf("err = %v after %d creates, want an ExistsError without a create", err, api.creates)
	}
	if len(api.things) != 1 {
		t.Fatalf("a duplicate was made: %v", api.things)
	}
	// A free key is created, with one look-up before.
	made, err := CreateUnlessExists(context.Background(), testBudgetClient, NaturalKey{Service: "Fake", Kind: "webhook", Key: `name "new"`, CheckFirst: true}, api.create("new"), api.find("new"))
	if err != nil || made.Name != "new" || api.finds != 2 || api.creates != 1 {
		t.Fatalf("made %v, err %v, finds %d, creates %d", made, err, api.finds, api.creates)
	}
}

func TestCreateUnlessExistsLeavesOtherFailuresAlone(t *testing.T) {
	api := &thingAPI{refusal: http.StatusUnprocessableEntity}
	invalid := &APIError{Service: "Fake", StatusCode: http.StatusUnprocessableEntity, FieldErrors: map[string][]string{"name": {"is invalid"}}}
	failing := func(context.Context) (*thing, error) { return nil, invalid }
	_, err := CreateUnlessExists(context.Background(), testBudgetClient, NaturalKey{Service: "Fake", Kind: "thing", Key: "k"}, failing, api.find("x"))
	if !errors.Is(err, invalid) {
		t.Fatalf("a refusal with nothing found became %v", err)
	}
	if _, ok := AsExists(err); ok {
		t.Fatal("reported an existing object that is not there")
	}
	// A failure that is no refusal is not followed by a look-up.
	api.finds = 0
	down := &APIError{Service: "Fake", StatusCode: http.StatusServiceUnavailable}
	_, err = CreateUnlessExists(context.Background(), testBudgetClient, NaturalKey{}, func(context.Context) (*thing, error) { return nil, down }, api.find("x"))
	if !errors.Is(err, down) || api.finds != 0 {
		t.Fatalf("err %v after %d look-ups", err, api.finds)
	}
	// A failed look-up before the create stops it.
	lookupErr := errors.New("list failed")
	_, err = CreateUnlessExists(context.Background(), testBudgetClient, NaturalKey{CheckFirst: true}, api.create("y"),
		func(context.Context) (*thing, bool, error) { return nil, false, lookupErr })
	if !errors.Is(err, lookupErr) || api.creates != 0 {
		t.Fatalf("err %v after %d creates", err, api.creates)
	}
}

// testBudgetClient gives CreateUnlessExists its retry budget in these tests.
var testBudgetClient = New(Config{Service: "Fake", BaseURL: "http://127.0.0.1:1"}, nil)
