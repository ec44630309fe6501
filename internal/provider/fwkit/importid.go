package fwkit

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// IDShape is what one part of an import ID looks like, so that an ID of
// the wrong kind (a name where a domain is expected, an email where a UUID
// is) fails the import with a message instead of reading nothing.
type IDShape struct {
	// What names the kind of value, such as "an organization domain".
	What string
	// Looks describes it, with an example: "a UUID such as
	// d6a46443-c7bc-4259-aa5d-ce51cc548b57".
	Looks string
	// Match reports whether a value has the shape.
	Match func(string) bool
	// Suggest, when set, is called with a value that looks like a name and
	// returns a sentence naming the value probably meant, or "".
	Suggest func(name string) string
}

// WithSuggestion returns s with suggest as its Suggest.
func (s IDShape) WithSuggestion(suggest func(name string) string) IDShape {
	s.Suggest = suggest
	return s
}

var (
	uuidShapePattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	// orgDomainPattern is a Cryptr organization domain, as the schemas
	// validate organization_domain: lowercase letters and digits, with
	// dashes or underscores inside.
	orgDomainPattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$`)
	dnsNamePattern   = regexp.MustCompile(`(?i)^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$`)
	webhookIDPattern = regexp.MustCompile(`^webhook_[A-Za-z0-9]+$`)
	numberPattern    = regexp.MustCompile(`^[0-9]+$`)
)

// The shapes of the parts of import IDs.
var (
	// ShapeDomain is a Cryptr organization domain, such as acme-industries.
	ShapeDomain = IDShape{
		What: "an organization domain", Looks: "lowercase letters, digits and dashes, such as acme-industries",
		Match: orgDomainPattern.MatchString,
	}
	// ShapeEmail is an email address.
	ShapeEmail = IDShape{What: "an email address", Looks: "an email address such as it@acme.com", Match: EmailPattern.MatchString}
	// ShapeUUID is a UUID, in any case.
	ShapeUUID = IDShape{What: "a UUID", Looks: "a UUID such as d6a46443-c7bc-4259-aa5d-ce51cc548b57", Match: uuidShapePattern.MatchString}
	// ShapeOpaqueID is an identifier whose format the API does not
	// document: anything but what cannot be an identifier (white space, a
	// "/", an email address, a URL or a DNS name).
	ShapeOpaqueID = IDShape{
		What: "an ID", Looks: "an identifier without white space or \"/\", as the API reports it",
		Match: func(s string) bool {
			return s != "" && !strings.ContainsAny(s, "/@ \t\r\n\v\f") && !dnsNamePattern.MatchString(s)
		},
	}
)

// ShapeCryptrID is an id that Cryptr prefixes with the kind of object, such
// as webhook_2RCVpicx8L7cFwhrz2gHjnsCLKQ for ShapeCryptrID("webhook").
func ShapeCryptrID(prefix, example string) IDShape {
	pattern := regexp.MustCompile(`^` + regexp.QuoteMeta(prefix) + `_[A-Za-z0-9]+$`)
	return IDShape{
		What:  fmt.Sprintf("a Cryptr %s id", prefix),
		Looks: fmt.Sprintf("%q followed by letters and digits, such as %s", prefix+"_", example),
		Match: pattern.MatchString,
	}
}

// looksLike names what kind of value s seems to be ("a name", "an email
// address", ...), or returns "" when it cannot tell.
func looksLike(s string) string {
	switch {
	case s != strings.TrimSpace(s):
		return "a value with white space around it"
	case strings.Contains(s, "://"):
		return "a URL"
	case strings.Contains(s, "/"):
		return `an ID of several parts joined by "/"`
	case EmailPattern.MatchString(s):
		return "an email address"
	case uuidShapePattern.MatchString(s):
		return "a UUID"
	case looksLikeName(s):
		return "a name"
	case dnsNamePattern.MatchString(s):
		return "an internet domain name"
	case numberPattern.MatchString(s):
		return "a number"
	case webhookIDPattern.MatchString(s):
		return "a Cryptr webhook id"
	case orgDomainPattern.MatchString(s):
		return "an organization domain"
	}
	return ""
}

// looksLikeName reports whether s has white space inside, or upper-case
// letters and no digits ("Globex Corporation", "Contoso").
func looksLikeName(s string) bool {
	if strings.ContainsFunc(s, unicode.IsSpace) {
		return true
	}
	return strings.ContainsFunc(s, unicode.IsUpper) && !strings.ContainsFunc(s, unicode.IsDigit) && !strings.ContainsAny(s, "@/.:")
}

// ImportPart is one "/"-separated part of an import ID.
type ImportPart struct {
	// Attr is the attribute the part sets, such as organization_domain.
	Attr string
	// Of says what the value is, such as "the organization's domain".
	Of string
	// Shape is what the value looks like.
	Shape IDShape
	// Also names other attributes that take the same value, such as id.
	Also []string
}

// ImportID describes the import ID of one resource type: its parts, where
// to find their values, and an example.
type ImportID struct {
	// Resource is the resource type, such as tenant_cryptr_admin.
	Resource string
	// Parts are the parts of the ID, in order, joined by "/".
	Parts []ImportPart
	// Find says where to find the values: the data source that lists them.
	Find string
	// Example is a valid import ID.
	Example string
}

// format is the expected format, such as "organization_domain/email".
func (s ImportID) format() string {
	names := make([]string, len(s.Parts))
	for i, p := range s.Parts {
		names[i] = p.Attr
	}
	return strings.Join(names, "/")
}

// Parse splits id into the values of s.Parts and checks the shape of each.
// The error says what the ID is expected to be, what was given, where to
// find the right value and gives a `terraform import` example. An ID of the
// right shape that names nothing is not an error here: the Read that
// follows the import finds that out.
func (s ImportID) Parse(id string) ([]string, error) {
	values := strings.SplitN(id, "/", len(s.Parts))
	last := len(s.Parts) - 1
	if len(values) != len(s.Parts) || (strings.Contains(values[last], "/") && !s.Parts[last].Shape.Match(values[last])) {
		return nil, s.error(id, s.countProblem(id, strings.Split(id, "/")))
	}
	var problems []string
	suggestion := ""
	for i, p := range s.Parts {
		v := values[i]
		if p.Shape.Match(v) {
			continue
		}
		subject := fmt.Sprintf("its %s part, %q,", p.Attr, v)
		if len(s.Parts) == 1 {
			subject = "it"
		}
		kind := looksLike(v)
		switch {
		case strings.TrimSpace(v) == "" && len(s.Parts) == 1:
			problems = append(problems, "it is empty")
		case strings.TrimSpace(v) == "":
			problems = append(problems, fmt.Sprintf("its %s part is empty", p.Attr))
		case kind != "":
			problems = append(problems, fmt.Sprintf("%s looks like %s, not %s", subject, kind, p.Shape.What))
		default:
			problems = append(problems, fmt.Sprintf("%s is not %s", subject, p.Shape.What))
		}
		if kind == "a name" && p.Shape.Suggest != nil && suggestion == "" {
			suggestion = p.Shape.Suggest(strings.TrimSpace(v))
		}
	}
	if len(problems) == 0 {
		return values, nil
	}
	problem := strings.Join(problems, "; ") + "."
	if suggestion != "" {
		problem += " " + suggestion
	}
	return nil, s.error(id, problem)
}

// countProblem explains an ID with too few or too many parts and, when
// exactly one part is missing and the others fit, names it.
func (s ImportID) countProblem(id string, values []string) string {
	plural := "s"
	if len(values) == 1 {
		plural = ""
	}
	verb := "are"
	if len(s.Parts) == 1 {
		verb = "is"
	}
	problem := fmt.Sprintf("it has %d part%s where %d %s expected, joined by \"/\"", len(values), plural, len(s.Parts), verb)
	if kind := looksLike(id); len(values) == 1 && kind != "" {
		problem += fmt.Sprintf(" (%q looks like %s)", id, kind)
	}
	if len(values) == len(s.Parts)-1 {
		for missing, part := range s.Parts {
			rest := slices.Delete(slices.Clone(s.Parts), missing, missing+1)
			fits := true
			for i, p := range rest {
				fits = fits && p.Shape.Match(values[i])
			}
			if fits {
				should := slices.Insert(slices.Clone(values), missing, "<"+part.Attr+">")
				return fmt.Sprintf("%s: the %s part is missing, the ID should be %s.", problem, part.Attr, strings.Join(should, "/"))
			}
		}
	}
	return problem + "."
}

func (s ImportID) error(id, problem string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "The import ID %q does not have the expected format %q: %s\n\n", id, s.format(), problem)
	if len(s.Parts) == 1 {
		fmt.Fprintf(&b, "Expected: %s: %s.\n\n", s.Parts[0].Of, s.Parts[0].Shape.Looks)
	} else {
		fmt.Fprintf(&b, "Expected: %s, where\n", s.format())
		for _, p := range s.Parts {
			fmt.Fprintf(&b, "  - %s is %s: %s\n", p.Attr, p.Of, p.Shape.Looks)
		}
		b.WriteString("\n")
	}
	if s.Find != "" {
		fmt.Fprintf(&b, "Where to find it: %s\n\n", s.Find)
	}
	fmt.Fprintf(&b, "For example: terraform import %s.<name> %s", s.Resource, s.Example)
	return errors.New(b.String())
}

// ImportInto checks the import ID against spec and sets the attribute of
// each of its parts; a wrong ID gets a diagnostic that says what the ID
// must be, what was given and where to find the right one.
func ImportInto(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, spec ImportID) {
	values, err := spec.Parse(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error())
		return
	}
	for i, p := range spec.Parts {
		for _, attr := range append([]string{p.Attr}, p.Also...) {
			resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(attr), values[i])...)
		}
	}
}
