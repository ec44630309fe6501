package fwkit

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// OneOfSuggesting validates that a string is one of values and, for a near
// miss (a typo, another case, a missing or wrong "saml."-style prefix),
// names the value probably meant: did you mean "saml.okta"? why, when not
// empty, is a sentence appended to the diagnostic that says what a wrong
// value costs.
func OneOfSuggesting(why string, values ...string) validator.String {
	return oneOfSuggesting{values: values, why: why}
}

type oneOfSuggesting struct {
	values []string
	why    string
}

func (v oneOfSuggesting) Description(context.Context) string {
	return "must be one of " + quotedList(v.values, "or")
}

func (v oneOfSuggesting) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v oneOfSuggesting) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	value := req.ConfigValue.ValueString()
	for _, allowed := range v.values {
		if value == allowed {
			return
		}
	}
	detail := fmt.Sprintf("%s %s, got %q.", req.Path, v.Description(ctx), value)
	if guess := Suggest(value, v.values); guess != "" {
		detail = fmt.Sprintf("%s %s, got %q: did you mean %q?", req.Path, v.Description(ctx), value, guess)
	}
	if v.why != "" {
		detail += " " + v.why
	}
	resp.Diagnostics.AddAttributeError(req.Path, fmt.Sprintf("Invalid %s", req.Path), detail)
}

// quotedList writes values quoted and comma-separated, the last one after
// conjunction: "a", "b" or "c".
func quotedList(values []string, conjunction string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = fmt.Sprintf("%q", v)
	}
	if len(quoted) < 2 {
		return strings.Join(quoted, "")
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " " + conjunction + " " + quoted[len(quoted)-1]
}

// Suggest returns the candidate that value is a near miss of, or "" when
// none is close enough: the same once case, dashes and spaces are
// normalised, or within a small edit distance (a transposition such as
// "okat" for "okta" counts as one edit) of a candidate or of its part after
// the last "." ("okta" and "oauth.okta" suggest "saml.okta"). On a tie the
// earlier candidate wins.
func Suggest(value string, candidates []string) string {
	given := normaliseForSuggest(value)
	givenTail := given[strings.LastIndex(given, ".")+1:]
	best, bestScore := "", -1
	for _, c := range candidates {
		full := normaliseForSuggest(c)
		tail := full[strings.LastIndex(full, ".")+1:]
		for _, pair := range [][2]string{{given, full}, {givenTail, tail}} {
			if pair[0] == "" || pair[1] == "" {
				continue
			}
			d := editDistance(pair[0], pair[1])
			// Close enough: at most 2 edits, and at most one per 3 characters
			// of what it is compared with, so "none" is not "unset".
			if d > 2 || d*3 > len([]rune(pair[1])) {
				continue
			}
			if bestScore < 0 || d < bestScore {
				best, bestScore = c, d
			}
		}
	}
	if best == value {
		return ""
	}
	return best
}

func normaliseForSuggest(s string) string {
	return strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(strings.TrimSpace(s)))
}

// editDistance is the optimal string alignment distance between a and b:
// insertions, deletions, substitutions and transpositions of two adjacent
// characters each count as one edit.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	prev2 := make([]int, len(y)+1)
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(y)]
}
