package httpclient

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// logSubsystem is the terraform-plugin-log subsystem of HTTP traffic. It
// inherits the provider's level (TF_LOG or TF_LOG_PROVIDER), so
// TF_LOG=DEBUG shows every request and response.
const logSubsystem = "http"

// maxLoggedBody is the most of a request or response body written in one
// log entry, at any level: longer bodies are cut, with a note of their size.
const maxLoggedBody = 4 << 10

// withMasks returns ctx with every known secret value masked in the log
// entries written with it (HTTP subsystem and root logger, which carries
// the retry warnings), on top of the field-level redaction. Masks set on a
// context apply only to logs written with that context, so they are set
// here, for every request, rather than once in Configure.
func withMasks(ctx context.Context, secrets []string, tokens ...string) context.Context {
	ctx = tflog.NewSubsystem(ctx, logSubsystem)
	values := make([]string, 0, len(secrets)+len(tokens))
	for _, s := range append(append([]string{}, secrets...), tokens...) {
		if len(s) >= minMaskedLength {
			values = append(values, s)
		}
	}
	if len(values) > 0 {
		ctx = tflog.SubsystemMaskAllFieldValuesStrings(ctx, logSubsystem, values...)
		ctx = tflog.SubsystemMaskMessageStrings(ctx, logSubsystem, values...)
		ctx = tflog.MaskAllFieldValuesStrings(ctx, values...)
		ctx = tflog.MaskMessageStrings(ctx, values...)
	}
	return ctx
}

func logRequest(ctx context.Context, service string, req Request, header http.Header, attempt int) {
	fields := map[string]any{
		"service": service, "method": req.Method, "path": req.Path,
		"attempt": attempt + 1, "headers": RedactHeaders(header),
	}
	if len(req.Query) > 0 {
		fields["query"] = logBody("application/x-www-form-urlencoded", []byte(req.Query.Encode()))
	}
	switch {
	case req.Form != nil:
		fields["body"] = logBody("application/x-www-form-urlencoded", []byte(req.Form.Encode()))
	case req.JSON != nil:
		fields["body"] = redactValue(req.JSON)
	}
	tflog.SubsystemDebug(ctx, logSubsystem, "API request", fields)
}

func logResponse(ctx context.Context, service string, req Request, status int, header http.Header, body []byte, took time.Duration) {
	tflog.SubsystemDebug(ctx, logSubsystem, "API response", map[string]any{
		"service": service, "method": req.Method, "path": req.Path, "status": status,
		"duration_ms": took.Milliseconds(), "headers": RedactHeaders(header),
		"body": logBody(header.Get("Content-Type"), body),
	})
}

func logResponseTooLarge(ctx context.Context, service string, req Request, status int, header http.Header, limit int64, took time.Duration) {
	tflog.SubsystemDebug(ctx, logSubsystem, "API response too large", map[string]any{
		"service": service, "method": req.Method, "path": req.Path, "status": status,
		"duration_ms": took.Milliseconds(), "headers": RedactHeaders(header), "max_response_bytes": limit,
	})
}

func logTransportError(ctx context.Context, service string, req Request, err error, took time.Duration) {
	tflog.SubsystemDebug(ctx, logSubsystem, "API request failed", map[string]any{
		"service": service, "method": req.Method, "path": req.Path,
		"duration_ms": took.Milliseconds(), "error": err.Error(),
	})
}

// retryNote is what a retry warning says about the retry.
type retryNote struct {
	attempt int           // the number of the attempt that failed
	status  int           // its answer's status; 0 for a transport failure
	reason  string        // a short human reason, see retryReason
	err     error         // the transport failure, if any
	delay   time.Duration // the wait before the next attempt
	left    time.Duration // what is left of the retry budget
}

func logRetry(ctx context.Context, service string, req Request, n retryNote) {
	fields := map[string]any{
		"service": service, "method": req.Method, "path": req.Path,
		"retry": n.attempt, "status": n.status, "reason": n.reason,
		"delay_ms": n.delay.Milliseconds(), "budget_left_ms": n.left.Milliseconds(),
	}
	if n.err != nil {
		fields["error"] = n.err.Error()
	}
	tflog.Warn(ctx, "retrying API request", fields)
}

// redactValue logs a request struct through its JSON form with sensitive
// fields masked, cut to maxLoggedBody.
func redactValue(v any) string {
	encoded, err := json.Marshal(v)
	if err != nil {
		return "(unencodable body)"
	}
	return logBody("application/json", encoded)
}

// logBody is body as logged: sensitive fields masked (see RedactBody), then
// cut to maxLoggedBody with a note of the body's full size.
func logBody(contentType string, body []byte) string {
	return truncateForLog(RedactBody(contentType, body), len(body))
}

// truncateForLog cuts text to maxLoggedBody bytes (on a character boundary)
// and notes size, the full body's size in bytes.
func truncateForLog(text string, size int) string {
	if len(text) <= maxLoggedBody {
		return text
	}
	cut := maxLoggedBody
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… [truncated: %d of %d bytes logged]", text[:cut], cut, size)
}
