package emulator

import "strings"

// RequestCounts counts API requests: the total, per route pattern
// ("METHOD /path/{wildcard}"; unmatched requests under "unmatched"), and
// the faults injected into them.
type RequestCounts struct {
	Total  int            `json:"total"`
	Routes map[string]int `json:"routes"`
	Faults FaultCounts    `json:"faults"`
}

// FaultCounts counts the injected faults by kind: requests answered 429
// by the rate limit (RateLimited) or the throttle (Throttled), answered 503
// (Error), dropped without being served (Dropped), served then dropped
// (DroppedAfterCommit), held unanswered (Hung), redirected (Redirected),
// answered 500 echoing their credentials (EchoedAuthorization), served
// with their 2xx JSON answer replaced by {"id":"x"} (AnonymousAnswer), and
// served with a padded answer (Oversized).
type FaultCounts struct {
	RateLimited         int `json:"rate_limited"`
	Error               int `json:"error"`
	Dropped             int `json:"dropped"`
	DroppedAfterCommit  int `json:"dropped_after_commit"`
	Throttled           int `json:"throttled"`
	Hung                int `json:"hung"`
	Redirected          int `json:"redirected"`
	EchoedAuthorization int `json:"echoed_authorization"`
	AnonymousAnswer     int `json:"anonymous_answer"`
	Oversized           int `json:"oversized"`
}

// add counts one fault of kind (one of the fault* constants).
func (c *FaultCounts) add(kind string) {
	switch kind {
	case faultRateLimited:
		c.RateLimited++
	case faultError:
		c.Error++
	case faultDropped:
		c.Dropped++
	case faultDroppedAfterCommit:
		c.DroppedAfterCommit++
	case faultThrottled:
		c.Throttled++
	case faultHung:
		c.Hung++
	case faultRedirected:
		c.Redirected++
	case faultEchoedAuthorization:
		c.EchoedAuthorization++
	case faultAnonymousAnswer:
		c.AnonymousAnswer++
	case faultOversized:
		c.Oversized++
	}
}

// routeKey turns a matched pattern into "METHOD /path"; patterns registered
// without a method get the request's method.
func routeKey(method, pattern string) string {
	if pattern == "" {
		return "unmatched"
	}
	if m, path, ok := strings.Cut(pattern, " "); ok && m != "" && !strings.Contains(m, "/") {
		return m + " " + strings.TrimSpace(path)
	}
	return method + " " + pattern
}

func (s *Server) count(key string) {
	s.countMu.Lock()
	defer s.countMu.Unlock()
	s.counts.Total++
	s.counts.Routes[key]++
}

func (s *Server) countFault(kind string) {
	s.countMu.Lock()
	defer s.countMu.Unlock()
	s.counts.Faults.add(kind)
}

// RequestCounts returns a copy of the API request and fault counts.
func (s *Server) RequestCounts() RequestCounts {
	s.countMu.Lock()
	defer s.countMu.Unlock()
	c := RequestCounts{Total: s.counts.Total, Routes: make(map[string]int, len(s.counts.Routes)), Faults: s.counts.Faults}
	for k, v := range s.counts.Routes {
		c.Routes[k] = v
	}
	return c
}

// ResetRequestCounts sets every request and fault count back to zero.
func (s *Server) ResetRequestCounts() {
	s.countMu.Lock()
	defer s.countMu.Unlock()
	s.counts = RequestCounts{Routes: map[string]int{}}
}
