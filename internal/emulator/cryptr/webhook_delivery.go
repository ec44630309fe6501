package cryptr

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// webhookDeliveryTimeout bounds one delivery attempt.
const webhookDeliveryTimeout = 2 * time.Second

// webhookRetryBackoff is the delay before the next attempt after a failed attempt
// 1, 2, 3, 4 (the documented schedule: +5 min, +10 min, +20 min, +1 h).
var webhookRetryBackoff = []time.Duration{5 * time.Minute, 10 * time.Minute, 20 * time.Minute, time.Hour, 2 * time.Hour}

// webhookDeliveryClient posts events; it never follows redirects nor uses a proxy.
var webhookDeliveryClient = &http.Client{
	Timeout:       webhookDeliveryTimeout,
	Transport:     &http.Transport{Proxy: nil, ResponseHeaderTimeout: webhookDeliveryTimeout},
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// webhookLoopback reports whether target points at this machine, the only
// place the emulator delivers to.
func webhookLoopback(target string) bool {
	u, err := url.Parse(target)
	if err != nil {
		return false
	}
	host := strings.ToLower(u.Hostname())
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// webhookDelivery is one attempt to run outside the lock.
type webhookDelivery struct {
	event  *webhookEvent
	target string
	body   []byte
	// outcome of the attempt
	status     int
	retryAfter time.Duration
	err        error
}

// runDueWebhookEvents attempts every due event (available or retryable, scheduled
// time reached) whose webhook has a loopback target, without holding s.mu
// during the HTTP calls. Events whose webhook is gone are discarded.
func (s *Service) runDueWebhookEvents(ctx context.Context) {
	s.mu.Lock()
	now := s.now()
	var jobs []*webhookDelivery
	for _, e := range s.hooks.events {
		if (e.state != webhookStateAvail && e.state != webhookStateRetry) || e.scheduledAt.After(now) {
			continue
		}
		h, ok := s.hooks.webhooks[e.webhookID]
		if !ok {
			e.state, e.discardedAt = webhookStateDiscard, &now
			continue
		}
		if !webhookLoopback(h.targetURL) {
			continue
		}
		body, _ := json.Marshal(e.args)
		e.state, e.attemptedAt = webhookStateExec, &now
		e.attempt++
		jobs = append(jobs, &webhookDelivery{event: e, target: h.targetURL, body: body})
	}
	s.mu.Unlock()
	if len(jobs) == 0 {
		return
	}
	var wg sync.WaitGroup
	for _, d := range jobs {
		wg.Add(1)
		go func() { defer wg.Done(); d.post(ctx) }()
	}
	wg.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	now = s.now()
	for _, d := range jobs {
		if d.event.state == webhookStateExec { // not cancelled meanwhile
			d.apply(now)
		}
	}
}

// post sends the event and records the answer.
func (d *webhookDelivery) post(ctx context.Context) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), webhookDeliveryTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.target, bytes.NewReader(d.body))
	if err != nil {
		d.err = err
		return
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "tenant-emulator-cryptr-webhooks")
	res, err := webhookDeliveryClient.Do(req)
	if err != nil {
		d.err = err
		return
	}
	defer res.Body.Close()
	d.status = res.StatusCode
	if secs, err := strconv.Atoi(strings.TrimSpace(res.Header.Get("Retry-After"))); err == nil && secs >= 0 {
		d.retryAfter = time.Duration(secs) * time.Second
	} else {
		d.retryAfter = -1
	}
}

// apply sets the event's state from the answer, as the docs describe.
func (d *webhookDelivery) apply(now time.Time) {
	e := d.event
	switch {
	case d.err == nil && d.status >= 200 && d.status < 300:
		e.state, e.completedAt = webhookStateDone, &now
	case d.err == nil && d.status == http.StatusGone:
		e.state, e.cancelledAt = webhookStateCancel, &now
	case d.err == nil && d.status == http.StatusServiceUnavailable && d.retryAfter >= 0:
		e.state, e.scheduledAt = webhookStateRetry, now.Add(d.retryAfter)
		if e.attempt >= e.maxAttempts {
			e.maxAttempts = e.attempt + 1
		}
	case e.attempt >= e.maxAttempts:
		e.state, e.discardedAt = webhookStateDiscard, &now
	default:
		e.state = webhookStateRetry
		e.scheduledAt = now.Add(webhookRetryBackoff[min(e.attempt, len(webhookRetryBackoff))-1])
	}
}
