package httpclient

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// logSubsystem is the terraform-plugin-log subsystem of HTTP traffic. It
// inherits the provider's level (TF_LOG or TF_LOG_PROVIDER), so
// TF_LOG=DEBUG shows every request and response.
const logSubsystem = "http"

// withMasks returns ctx with every known secret value masked in the log
// entries written with it (HTTP subsystem and root logger, which carries
// the retry warnings), on top of the field-level redaction. Masks set on a
// context apply only to logs written with that context, so they are set
// here, for every request, rather than once in Configure.
func withMasks(ctx context.Context, secrets []string, tokens ...string) context.Context {
	ctx = tflog.NewSubsystem(ctx, logSubsystem)
	values := make([]string, 0, len(secrets)+len(tokens))
	for _, s := range append(append([]string{}, secrets...), tokens...) {
		if len(s) >= 4 {
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
		fields["query"] = RedactBody("application/x-www-form-urlencoded", []byte(req.Query.Encode()))
	}
	switch {
	case req.Form != nil:
		fields["body"] = RedactBody("application/x-www-form-urlencoded", []byte(req.Form.Encode()))
	case req.JSON != nil:
		fields["body"] = redactValue(req.JSON)
	}
	tflog.SubsystemDebug(ctx, logSubsystem, "API request", fields)
}

func logResponse(ctx context.Context, service string, req Request, status int, header http.Header, body []byte, took time.Duration) {
	tflog.SubsystemDebug(ctx, logSubsystem, "API response", map[string]any{
		"service": service, "method": req.Method, "path": req.Path, "status": status,
		"duration_ms": took.Milliseconds(), "headers": RedactHeaders(header),
		"body": RedactBody(header.Get("Content-Type"), body),
	})
}

func logTransportError(ctx context.Context, service string, req Request, err error, took time.Duration) {
	tflog.SubsystemDebug(ctx, logSubsystem, "API request failed", map[string]any{
		"service": service, "method": req.Method, "path": req.Path,
		"duration_ms": took.Milliseconds(), "error": err.Error(),
	})
}

func logRetry(ctx context.Context, service string, req Request, attempt, status int, err error, delay time.Duration) {
	fields := map[string]any{
		"service": service, "method": req.Method, "path": req.Path,
		"retry": attempt, "status": status, "delay_ms": delay.Milliseconds(),
	}
	if err != nil {
		fields["error"] = err.Error()
	}
	tflog.Warn(ctx, "retrying API request", fields)
}

// redactValue logs a request struct through its JSON form with sensitive fields masked.
func redactValue(v any) string {
	encoded, err := json.Marshal(v)
	if err != nil {
		return "(unencodable body)"
	}
	return RedactBody("application/json", encoded)
}
