package httpclient

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"
)

// fakeStore is an API whose creates may be applied and then lose their answer.
type fakeStore struct {
	objects     []string
	creates     int
	finds       int
	loseAnswers int // how many of the next creates are applied but answer nothing
	failBefore  int // how many of the next creates fail before being applied
}

func (s *fakeStore) create(_ context.Context) (string, error) {
	s.creates++
	uncertain := &UncertainError{Method: http.MethodPost, Path: "/things", Err: errors.New("connection reset")}
	if s.failBefore > 0 {
		s.failBefore--
		return "", uncertain
	}
	s.objects = append(s.objects, "thing")
	if s.loseAnswers > 0 {
		s.loseAnswers--
		return "", uncertain
	}
	return "thing", nil
}

func (s *fakeStore) find(_ context.Context) (string, bool, error) {
	s.finds++
	for _, o := range s.objects {
		if o == "thing" {
			return o, true, nil
		}
	}
	return "", false, nil
}

// threeAttempts is a client that lets CreateOnce send a create three times.
var threeAttempts = New(Config{Service: "Test", MaxRetries: 2}, decodeTestError)

func TestCreateOnce(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name                   string
		store                  fakeStore
		wantErr                bool
		wantCreates, wantFinds int
		wantObjects            int
	}{
		{name: "answered", store: fakeStore{}, wantCreates: 1, wantObjects: 1},
		{name: "answer lost after the create: found, not made again", store: fakeStore{loseAnswers: 1}, wantCreates: 1, wantFinds: 1, wantObjects: 1},
		{name: "failed before the create: made again", store: fakeStore{failBefore: 2}, wantCreates: 3, wantFinds: 2, wantObjects: 1},
		{name: "never made within the attempts", store: fakeStore{failBefore: 10}, wantErr: true, wantCreates: 3, wantFinds: 3, wantObjects: 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := tc.store
			got, err := CreateOnce(context.Background(), threeAttempts, s.create, s.find)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if !tc.wantErr && got != "thing" {
				t.Fatalf("got %q", got)
			}
			if s.creates != tc.wantCreates || s.finds != tc.wantFinds || len(s.objects) != tc.wantObjects {
				t.Fatalf("creates=%d finds=%d objects=%d, want %d %d %d", s.creates, s.finds, len(s.objects), tc.wantCreates, tc.wantFinds, tc.wantObjects)
			}
		})
	}
}

func TestCreateOnceStopsOnPlainErrorsAndTimeouts(t *testing.T) {
	t.Parallel()
	finds := 0
	find := func(context.Context) (string, bool, error) { finds++; return "", false, nil }
	plain := errors.New("422 invalid name")
	if _, err := CreateOnce(context.Background(), threeAttempts, func(context.Context) (string, error) { return "", plain }, find); !errors.Is(err, plain) || finds != 0 {
		t.Fatalf("err=%v finds=%d: a plain error must be returned without a look-up", err, finds)
	}
	creates := 0
	timeout := &UncertainError{Method: "POST", Path: "/things", Err: context.DeadlineExceeded}
	_, err := CreateOnce(context.Background(), threeAttempts, func(context.Context) (string, error) { creates++; return "", timeout }, find)
	if !errors.As(err, new(*UncertainError)) || creates != 1 || finds != 1 {
		t.Fatalf("err=%v creates=%d finds=%d: a timed-out create is looked up once and never sent again", err, creates, finds)
	}
	lookupFailed := errors.New("lookup failed")
	_, err = CreateOnce(context.Background(), threeAttempts, func(context.Context) (string, error) { return "", &UncertainError{Err: errors.New("reset")} },
		func(context.Context) (string, bool, error) { return "", false, lookupFailed })
	if !errors.As(err, new(*UncertainError)) {
		t.Fatalf("err=%v: when the look-up fails the create's uncertainty is reported", err)
	}
}

func TestCreateOnceReportsTheLastSentCreateWhenTheBudgetRunsOut(t *testing.T) {
	t.Parallel()
	c := New(Config{Service: "Test", MaxRetries: 5, MaxRetryDuration: time.Minute}, decodeTestError)
	reset := &UncertainError{Method: http.MethodPost, Path: "/things", Err: errors.New("connection reset")}
	creates := 0
	create := func(ctx context.Context) (string, error) {
		creates++
		if creates == 1 {
			return "", reset
		}
		// The budget was spent while the first create was looked up.
		return "", &RetryBudgetError{Service: "Test", Method: http.MethodPost, Path: "/things", Budget: time.Minute}
	}
	find := func(context.Context) (string, bool, error) { return "", false, nil }
	if _, err := CreateOnce(context.Background(), c, create, find); err != reset || creates != 2 {
		t.Fatalf("err = %v after %d creates, want the first create's failure", err, creates)
	}
}
