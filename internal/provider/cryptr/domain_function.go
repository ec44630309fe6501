package cryptr

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/function"
)

// DomainFunction is provider::tenant::cryptr_domain(name): the domain
// Cryptr derives from an organization's name, so that other resources can
// refer to an organization's domain at plan time, before it exists.
type DomainFunction struct{}

var _ function.Function = DomainFunction{}

// NewDomainFunction returns the cryptr_domain function.
func NewDomainFunction() function.Function { return DomainFunction{} }

// Metadata names the function.
func (DomainFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "cryptr_domain"
}

// Definition describes the function.
func (DomainFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The domain Cryptr derives from an organization name.",
		MarkdownDescription: "Returns the domain Cryptr gives an organization created with this name: the name in lower case, " +
			"every run of characters other than ASCII letters and digits replaced by one dash, without leading or trailing dashes " +
			"(`\"Acme Industries, Inc.\"` → `\"acme-industries-inc\"`). It lets other objects refer to an organization's domain at plan time.",
		Parameters: []function.Parameter{
			function.StringParameter{Name: "name", MarkdownDescription: "Organization name."},
		},
		Return: function.StringReturn{},
	}
}

// Run computes the domain; a name without any letter or digit is an error,
// as Cryptr refuses it.
func (DomainFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var name string
	resp.Error = function.ConcatFuncErrors(req.Arguments.Get(ctx, &name))
	if resp.Error != nil {
		return
	}
	domain := DomainOf(name)
	if domain == "" {
		resp.Error = function.NewArgumentFuncError(0, "the name must contain at least one ASCII letter or digit")
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Result.Set(ctx, domain))
}

// DomainOf derives an organization's domain from its name.
func DomainOf(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}
