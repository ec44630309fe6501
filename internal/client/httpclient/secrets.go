package httpclient

import (
	"errors"
	"slices"
	"strings"
	"sync"
)

// Credential sets keep at most this many values: enough for every token a
// process holds at once and the few it replaced, never an unbounded list.
const maxRememberedCredentials = 32

// minMaskedLength is the shortest value masked: shorter ones ("ab", "1")
// would mask ordinary text.
const minMaskedLength = 4

// credentialSet is a small bounded set of credential values (tokens issued
// or sent in this process), oldest dropped first. The zero value is empty.
type credentialSet struct {
	mu     sync.Mutex
	values []string
}

// add remembers the values of at least minMaskedLength characters.
func (s *credentialSet) add(values ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range values {
		if len(v) < minMaskedLength || slices.Contains(s.values, v) {
			continue
		}
		if len(s.values) >= maxRememberedCredentials {
			s.values = slices.Delete(s.values, 0, 1)
		}
		s.values = append(s.values, v)
	}
}

// list returns a copy of the values.
func (s *credentialSet) list() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.values)
}

// masker replaces known credential values with Mask.
type masker struct{ values []string }

// newMasker masks the values of at least minMaskedLength characters, the
// longest first (so that a value containing another is masked whole).
func newMasker(values []string) masker {
	kept := make([]string, 0, len(values))
	for _, v := range values {
		if len(v) >= minMaskedLength && !slices.Contains(kept, v) {
			kept = append(kept, v)
		}
	}
	slices.SortFunc(kept, func(a, b string) int { return len(b) - len(a) })
	return masker{values: kept}
}

// mask returns s with every value masked.
func (m masker) mask(s string) string {
	for _, v := range m.values {
		if strings.Contains(s, v) {
			s = strings.ReplaceAll(s, v, Mask)
		}
	}
	return s
}

// leaks reports whether s contains a value.
func (m masker) leaks(s string) bool {
	for _, v := range m.values {
		if strings.Contains(s, v) {
			return true
		}
	}
	return false
}

// maskedError is an error whose text had credentials masked. Unwrap keeps
// the original, so that errors.Is and errors.As still see what it was (a
// timeout, a *net.OpError); its own text is never shown by this package.
type maskedError struct {
	msg string
	err error
}

// Error returns the masked text.
func (e *maskedError) Error() string { return e.msg }

// Unwrap returns the original error.
func (e *maskedError) Unwrap() error { return e.err }

// maskError returns err unchanged if its text holds no value, otherwise an
// error with the same chain whose text is masked.
func (m masker) maskError(err error) error {
	if err == nil || !m.leaks(err.Error()) {
		return err
	}
	return &maskedError{msg: m.mask(err.Error()), err: err}
}

// maskAPIError masks the parts of e that come from the server's answer. It
// changes e only where it shows a credential.
func (m masker) maskAPIError(e *APIError) {
	if m.leaks(e.Code) {
		e.Code = m.mask(e.Code)
	}
	if m.leaks(e.Message) {
		e.Message = m.mask(e.Message)
	}
	if !m.fieldsLeak(e.FieldErrors) {
		return
	}
	fields := make(map[string][]string, len(e.FieldErrors))
	for field, problems := range e.FieldErrors {
		masked := make([]string, len(problems))
		for i, p := range problems {
			masked[i] = m.mask(p)
		}
		field = m.mask(field)
		fields[field] = append(fields[field], masked...)
	}
	e.FieldErrors = fields
}

// fieldsLeak reports whether a field name or problem shows a value.
func (m masker) fieldsLeak(fields map[string][]string) bool {
	for field, problems := range fields {
		if m.leaks(field) || slices.ContainsFunc(problems, m.leaks) {
			return true
		}
	}
	return false
}

// redact masks every credential in the errors of err's chain that carry
// text from a server (APIError, DecodeError, RetryAfterError, RedirectError),
// then, should anything still show one, the text of err as a whole. It
// changes those errors in place, so err must be the caller's own.
func (m masker) redact(err error) error {
	if err == nil || len(m.values) == 0 {
		return err
	}
	var (
		apiErr     *APIError
		decodeErr  *DecodeError
		retryAfter *RetryAfterError
		redirect   *RedirectError
	)
	if errors.As(err, &apiErr) {
		m.maskAPIError(apiErr)
	}
	if errors.As(err, &decodeErr) && decodeErr.Err != nil && m.leaks(decodeErr.Err.Error()) {
		decodeErr.Err = m.maskError(decodeErr.Err)
	}
	if errors.As(err, &retryAfter) && m.leaks(retryAfter.RetryAfter) {
		retryAfter.RetryAfter = m.mask(retryAfter.RetryAfter)
	}
	if errors.As(err, &redirect) && m.leaks(redirect.Location) {
		redirect.Location = m.mask(redirect.Location)
	}
	return m.maskError(err)
}

// secrets returns every credential value a request's errors and logs must
// not show: the configured secrets, the tokens the authorizer has issued in
// this process, the bearer tokens of login steps sent so far, and the
// request's own token.
func (c *Client) secrets(token, bearer string) []string {
	values := append(slices.Clone(c.cfg.Secrets), c.bearers.list()...)
	if c.auth != nil && c.auth.Tokens != nil {
		values = append(values, c.auth.Tokens.issued.list()...)
	}
	return append(values, token, bearer)
}
