package cryptr

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// Organization is a Cryptr organization (one B2B customer).
type Organization struct {
	Domain              string             `json:"domain"`
	Name                string             `json:"name"`
	AllowedEmailDomains []string           `json:"allowed_email_domains"`
	Color               string             `json:"color"`
	IconLogoURL         string             `json:"icon_logo_url"`
	InlineLogoURL       string             `json:"inline_logo_url"`
	Environments        []Environment      `json:"environments"`
	Locale              string             `json:"locale"`
	Timezone            string             `json:"timezone"`
	Status              OrganizationStatus `json:"status"`
	InsertedAt          string             `json:"inserted_at"`
	UpdatedAt           string             `json:"updated_at"`
	// Deleted is true when the organization was deleted; the API then
	// answers a subset of its fields.
	Deleted bool `json:"deleted"`
}

// Environment is one of an organization's environments and its status (up or down).
type Environment struct {
	Name   string `json:"name"`
	Status string `json:"status"`
}

// OrganizationStatus reports the progress of an organization's provisioning.
type OrganizationStatus struct {
	State                  string   `json:"state"`
	ProgressInPercentage   *float64 `json:"progress_in_percentage"`
	EstimatedTimeInSeconds *float64 `json:"estimated_time_to_complete_in_seconds"`
	Errors                 []any    `json:"errors"`
}

// Provisioned reports whether every environment of the organization is up.
func (o *Organization) Provisioned() bool {
	if len(o.Environments) == 0 {
		return false
	}
	for _, env := range o.Environments {
		if env.Status != "up" {
			return false
		}
	}
	return true
}

// OrganizationInput holds the writable fields of an organization.
type OrganizationInput struct {
	Name                string
	AllowedEmailDomains []string
}

func (in OrganizationInput) form() url.Values {
	form := url.Values{"name": {in.Name}}
	setList(form, "allowed_email_domains", in.AllowedEmailDomains)
	return form
}

// setList encodes a list as key[]=v pairs; an empty list is sent as one
// empty key[]= so that the API clears it.
func setList(form url.Values, key string, values []string) {
	if len(values) == 0 {
		form[key+"[]"] = []string{""}
		return
	}
	form[key+"[]"] = append([]string(nil), values...)
}

func organizationPath(domain string) string {
	return "/api/v2/organizations/" + url.PathEscape(domain)
}

// CreateOrganization creates an organization. Its domain is derived from the
// name by the API. The request is never repeated blindly: when its outcome
// is unknown, the organization is looked up by name (which the domain makes
// unique) before it is sent again.
func (c *Client) CreateOrganization(ctx context.Context, in OrganizationInput) (*Organization, error) {
	return createNew(ctx, c, "organization", keyOf("name", in.Name), false, func(ctx context.Context) (*Organization, error) {
		var out Organization
		_, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodPost, Path: "/api/v2/organizations", Form: in.form(), Result: &out})
		return &out, err
	}, func(ctx context.Context) (*Organization, bool, error) {
		list, err := c.ListOrganizations(ctx, ListOrganizationsOptions{})
		return findIn(list, err, func(o *Organization) bool { return o.Name == in.Name })
	})
}

// GetOrganization reads an organization by domain. A deleted organization
// yields an error for which httpclient.IsNotFound is true.
func (c *Client) GetOrganization(ctx context.Context, domain string) (*Organization, error) {
	return getLive[Organization](ctx, c, organizationPath(domain), "organization "+domain)
}

// UpdateOrganization changes an organization's name and allowed email domains.
func (c *Client) UpdateOrganization(ctx context.Context, domain string, in OrganizationInput) (*Organization, error) {
	var out Organization
	_, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodPut, Path: organizationPath(domain), Form: in.form(), Result: &out})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteOrganization deletes an organization.
func (c *Client) DeleteOrganization(ctx context.Context, domain string) error {
	_, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodDelete, Path: organizationPath(domain)})
	return err
}

// ListOrganizationsOptions filters ListOrganizations.
type ListOrganizationsOptions struct {
	// EnvironmentStatuses keeps organizations with at least one environment
	// in one of these statuses ("up", "down"); empty keeps all.
	EnvironmentStatuses []string
	// PerPage is the page size; zero means 50.
	PerPage int
}

// ListOrganizations returns every organization, following every page.
func (c *Client) ListOrganizations(ctx context.Context, opts ListOrganizationsOptions) ([]Organization, error) {
	query := url.Values{}
	for _, status := range opts.EnvironmentStatuses {
		query.Add("q[environments_status_in][]", status)
	}
	return listAll(ctx, c.api, "/api/v2/organizations", query, opts.PerPage, func(o Organization) string { return o.Domain })
}

// WaitOrganizationProvisioned polls until every environment of the
// organization is up, a provisioning error is reported, or ctx ends.
func (c *Client) WaitOrganizationProvisioned(ctx context.Context, domain string, interval time.Duration) (*Organization, error) {
	var org *Organization
	err := httpclient.Poll(ctx, interval, func(ctx context.Context) (bool, error) {
		var err error
		org, err = c.GetOrganization(ctx, domain)
		if err != nil {
			return false, err
		}
		if len(org.Status.Errors) > 0 {
			return false, fmt.Errorf("Cryptr organization %q failed to provision: %v", domain, org.Status.Errors)
		}
		return org.Provisioned(), nil
	})
	return org, err
}
