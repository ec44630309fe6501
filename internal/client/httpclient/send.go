package httpclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// outcome is what one attempt got: an answer, or err for a transport
// failure, a refused redirect (*RedirectError) or an answer too large to
// read (*ResponseTooLargeError, with the answer's status and header).
type outcome struct {
	status int
	header http.Header
	body   []byte
	err    error
}

// send makes one attempt; logCtx carries the log masks for this attempt and
// m masks the same values in a transport error's text.
func (c *Client) send(ctx, logCtx context.Context, req Request, token string, attempt int, m masker) outcome {
	// The body is read here, within MaxResponseBytes, not by resty.
	r := c.http.R().SetContext(ctx).SetHeaders(req.Header).SetDoNotParseResponse(true)
	if req.Query != nil {
		r.SetQueryParamsFromValues(req.Query)
	}
	switch {
	case req.Form != nil:
		r.SetHeader("Content-Type", "application/x-www-form-urlencoded").SetBody(req.Form.Encode())
	case req.JSON != nil:
		encoded, err := json.Marshal(req.JSON)
		if err != nil {
			return outcome{err: fmt.Errorf("encoding %s %s: %w", req.Method, req.Path, err)}
		}
		r.SetHeader("Content-Type", "application/json").SetBody(encoded)
	}
	switch {
	case req.BearerToken != "":
		c.bearers.add(req.BearerToken)
		r.SetHeader("Authorization", "Bearer "+req.BearerToken)
	case token != "":
		r.SetHeader("Authorization", c.auth.Header(token))
	}
	logRequest(logCtx, c.cfg.Service, req, r.Header, attempt)
	started := time.Now()
	resp, err := r.Execute(req.Method, req.Path)
	if err != nil {
		err = c.transportError(req, err, m)
		logTransportError(logCtx, c.cfg.Service, req, err, time.Since(started))
		return outcome{err: err}
	}
	raw := resp.RawResponse
	body, tooLarge, err := readLimited(raw.Body, raw.ContentLength, c.cfg.MaxResponseBytes)
	took := time.Since(started)
	switch {
	case err != nil:
		err = m.maskError(fmt.Errorf("reading the %d answer: %w", raw.StatusCode, err))
		logTransportError(logCtx, c.cfg.Service, req, err, took)
		return outcome{err: err}
	case tooLarge:
		logResponseTooLarge(logCtx, c.cfg.Service, req, raw.StatusCode, raw.Header, c.cfg.MaxResponseBytes, took)
		return outcome{status: raw.StatusCode, header: raw.Header, err: &ResponseTooLargeError{
			Service: c.cfg.Service, Method: req.Method, Path: req.Path, StatusCode: raw.StatusCode,
			Limit: c.cfg.MaxResponseBytes, ContentLength: raw.ContentLength,
		}}
	}
	logResponse(logCtx, c.cfg.Service, req, raw.StatusCode, raw.Header, body, took)
	return outcome{status: raw.StatusCode, header: raw.Header, body: body}
}

// transportError is the error of an attempt that got no answer: a refused
// redirect as a *RedirectError naming the request, anything else with the
// URL's sensitive query values and every known credential masked.
func (c *Client) transportError(req Request, err error, m masker) error {
	var redirect *RedirectError
	if errors.As(err, &redirect) {
		redirect.Service, redirect.Path = c.cfg.Service, req.Path
		redirect.Location = m.mask(redirect.Location)
		return redirect
	}
	return m.maskError(redactURLError(err))
}

// failure is the error of an attempt that did not succeed. A request not
// safe to repeat whose outcome is unknown yields an *UncertainError.
func (c *Client) failure(req Request, out outcome, safe bool, m masker) error {
	if out.err != nil {
		err := out.err
		var (
			tooLarge *ResponseTooLargeError
			redirect *RedirectError
		)
		if !errors.As(err, &tooLarge) && !errors.As(err, &redirect) {
			err = fmt.Errorf("%s API: %s %s: %w", c.cfg.Service, req.Method, req.Path, err)
		}
		if !safe && mayHaveBeenApplied(out) {
			return &UncertainError{Method: req.Method, Path: req.Path, Err: err}
		}
		return err
	}
	apiErr := c.decodeError(out.status, out.body)
	if apiErr == nil {
		apiErr = &APIError{}
	}
	apiErr.Service, apiErr.Method, apiErr.Path, apiErr.StatusCode = c.cfg.Service, req.Method, req.Path, out.status
	m.maskAPIError(apiErr)
	if !safe && out.status >= 500 {
		return &UncertainError{Method: req.Method, Path: req.Path, Err: apiErr}
	}
	return apiErr
}

// mayHaveBeenApplied reports whether a failed attempt may have changed
// something on the server: not when the request never left (see neverSent),
// nor when a too-large answer was a 4xx refusal.
func mayHaveBeenApplied(out outcome) bool {
	var tooLarge *ResponseTooLargeError
	if errors.As(out.err, &tooLarge) {
		return out.status < 400 || out.status >= 500
	}
	return !neverSent(out.err)
}
