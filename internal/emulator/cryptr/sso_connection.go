package cryptr

import (
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

// ssoConnection is one organization's SSO connection.
type ssoConnection struct {
	seq          int64
	org          *organization
	id, spID     string
	providerType string
	active       bool
	limit        *int64
	policy       string
	metadata     *string
	createdAt    time.Time
	updatedAt    time.Time
}

// samlConfigJSON is the saml_config object.
type samlConfigJSON struct {
	ACSURL              string  `json:"acs_url"`
	CryptrMetadataURL   string  `json:"cryptr_metadata_url"`
	EntityID            string  `json:"entity_id"`
	SLOURL              string  `json:"slo_url"`
	SSOProviderMetadata *string `json:"sso_provider_metadata"`
}

// ssoConnectionJSON is the SsoConnection wire object.
type ssoConnectionJSON struct {
	Type                         string         `json:"__type__"`
	Active                       bool           `json:"active"`
	ID                           string         `json:"id"`
	InsertedAt                   string         `json:"inserted_at"`
	NumberUsersProvisioningLimit *int64         `json:"number_users_provisioning_limit"`
	Organization                 nestedOrgJSON  `json:"organization"`
	ProviderType                 string         `json:"provider_type"`
	SAMLConfig                   samlConfigJSON `json:"saml_config"`
	SPID                         string         `json:"sp_id"`
	UpdatedAt                    string         `json:"updated_at"`
	UsersAccessPolicy            string         `json:"users_access_policy"`
}

var (
	ssoProviderTypePattern = regexp.MustCompile(`^(unset|(saml|oauth)\.[a-z0-9_]+)$`)
	ssoPolicies            = []string{"only_registered_users", "provision_new_users", "unregistered_users_allowed"}
)

// Messages of the SSO connection rules, shared by the API and seeding.
const (
	ssoLimitRule        = "must be an integer greater than 0"
	ssoProviderTypeRule = `must be "unset" or "<saml|oauth>.<provider>", such as saml.okta`
)

// ssoPolicyRule words the users_access_policy values ssoPolicies holds.
func ssoPolicyRule() string { return "is invalid: must be one of " + strings.Join(ssoPolicies, ", ") }

func (c *ssoConnection) toJSON(s *Service, base string) ssoConnectionJSON {
	prefix := base + "/enterprise/" + c.spID + "/saml/"
	return ssoConnectionJSON{
		Type:                         "SsoConnection",
		Active:                       c.active,
		ID:                           c.id,
		InsertedAt:                   c.createdAt.UTC().Format(timeLayout),
		NumberUsersProvisioningLimit: c.limit,
		Organization:                 c.org.nestedJSON(s.now(), s.opts.ProvisioningDelay),
		ProviderType:                 c.providerType,
		SAMLConfig: samlConfigJSON{
			ACSURL: prefix + "acs", CryptrMetadataURL: prefix + "metadata", SLOURL: prefix + "slo",
			EntityID: c.spID, SSOProviderMetadata: c.metadata,
		},
		SPID:              c.spID,
		UpdatedAt:         c.updatedAt.UTC().Format(timeLayout),
		UsersAccessPolicy: c.policy,
	}
}

// ssoBase is the request's "<scheme>://<host>".
func ssoBase(r *http.Request) string {
	return strings.TrimSuffix(issuer(r), "/t/"+accountDomain)
}

// applySSOSettings validates and applies the writable settings present in p
// to c; create says whether metadata is ignored (it is not a create field).
// It returns 422 details, or nil.
func applySSOSettings(c *ssoConnection, p params, create bool) map[string][]string {
	details := map[string][]string{}
	next := *c
	if v, ok := p.str("active"); ok {
		b, err := strconv.ParseBool(v)
		if err != nil {
			details["active"] = []string{"must be a boolean"}
		}
		next.active = b
	}
	if v, ok := p.str("number_users_provisioning_limit"); ok {
		if v == "" {
			next.limit = nil
		} else if n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err != nil || n < 1 {
			details["number_users_provisioning_limit"] = []string{ssoLimitRule}
		} else {
			next.limit = &n
		}
	}
	if v, ok := p.str("users_access_policy"); ok {
		if !slices.Contains(ssoPolicies, v) {
			details["users_access_policy"] = []string{ssoPolicyRule()}
		}
		next.policy = v
	}
	if v, ok := p.str("metadata"); ok && !create {
		if v == "" {
			next.metadata = nil
		} else if err := ssoCheckXML(v); err != nil {
			details["metadata"] = []string{"is not well-formed XML: " + err.Error()}
		} else {
			next.metadata = &v
		}
	}
	if len(details) > 0 {
		return details
	}
	*c = next
	return nil
}

// ssoCheckXML reports whether v is one well-formed XML document: one root
// element, matching tags, and only white space outside the root.
func ssoCheckXML(v string) error {
	dec := xml.NewDecoder(strings.NewReader(v))
	depth, roots := 0, 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 0 && strings.TrimSpace(string(t)) != "" {
				return errors.New("text outside the root element")
			}
		}
	}
	switch {
	case roots == 0:
		return errors.New("no root element")
	case roots > 1:
		return errors.New("more than one root element")
	}
	return nil
}

// handleCreateSSOConnection serves POST /api/v2/org/{domain}/sso-connection.
func (s *Service) handleCreateSSOConnection(w http.ResponseWriter, r *http.Request) {
	p, err := parseParams(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request", err.Error())
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.liveOrg(w, r)
	if o == nil {
		return
	}
	if _, ok := s.sso.conns[o.seq]; ok {
		writeError(w, http.StatusConflict, "conflict", "organization "+o.domain+" already has an SSO connection")
		return
	}
	now := s.now()
	prefix := strings.ReplaceAll(o.domain, "-", "_") + "_"
	c := &ssoConnection{
		org: o, id: prefix + ssoRandomBase58(22), spID: prefix + ssoRandomBase58(22),
		providerType: "unset", active: true, policy: "provision_new_users", createdAt: now, updatedAt: now,
	}
	details := applySSOSettings(c, p, true)
	if pt, ok := p.str("provider_type"); ok {
		if !ssoProviderTypePattern.MatchString(pt) {
			if details == nil {
				details = map[string][]string{}
			}
			details["provider_type"] = []string{ssoProviderTypeRule}
		}
		c.providerType = pt
	}
	if details != nil {
		writeValidation(w, details)
		return
	}
	s.sso.seq++
	c.seq = s.sso.seq
	s.sso.conns[o.seq] = c
	httpjson.Write(w, http.StatusCreated, c.toJSON(s, ssoBase(r)))
}

// handleGetSSOConnection serves GET /api/v2/org/{domain}/sso-connection.
func (s *Service) handleGetSSOConnection(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.liveOrg(w, r)
	if o == nil {
		return
	}
	c, ok := s.sso.conns[o.seq]
	if !ok {
		writeNotFound(w, "SSO connection")
		return
	}
	httpjson.Write(w, http.StatusOK, c.toJSON(s, ssoBase(r)))
}

// handleUpdateSSOConnection serves PUT /api/v2/org/{domain}/sso-connection.
func (s *Service) handleUpdateSSOConnection(w http.ResponseWriter, r *http.Request) {
	s.updateSSOConnection(w, r, func() *ssoConnection {
		o := s.liveOrg(w, r)
		if o == nil {
			return nil
		}
		c, ok := s.sso.conns[o.seq]
		if !ok {
			writeNotFound(w, "SSO connection")
			return nil
		}
		return c
	})
}

// handleUpdateSSOConnectionByID serves PUT /api/v2/sso-connections/{idp_id}.
func (s *Service) handleUpdateSSOConnectionByID(w http.ResponseWriter, r *http.Request) {
	s.updateSSOConnection(w, r, func() *ssoConnection {
		for _, c := range s.sso.conns {
			if c.id == r.PathValue("idp_id") && !c.org.deleted {
				return c
			}
		}
		writeNotFound(w, "SSO connection")
		return nil
	})
}

// updateSSOConnection applies an update to the connection find returns
// (find runs under s.mu and answers 404 itself).
func (s *Service) updateSSOConnection(w http.ResponseWriter, r *http.Request, find func() *ssoConnection) {
	p, err := parseParams(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request", err.Error())
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := find()
	if c == nil {
		return
	}
	if details := applySSOSettings(c, p, false); details != nil {
		writeValidation(w, details)
		return
	}
	c.updatedAt = s.now()
	httpjson.Write(w, http.StatusOK, c.toJSON(s, ssoBase(r)))
}

// handleListSSOConnections serves GET /api/v2/sso-connections: the
// connections of every live organization, newest first.
func (s *Service) handleListSSOConnections(w http.ResponseWriter, r *http.Request) {
	p, err := parseParams(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request", err.Error())
		return
	}
	page, perPage := pageParams(p)
	s.mu.Lock()
	defer s.mu.Unlock()
	var conns []*ssoConnection
	for _, c := range s.sso.conns {
		if !c.org.deleted {
			conns = append(conns, c)
		}
	}
	slices.SortFunc(conns, func(a, b *ssoConnection) int {
		if c := b.createdAt.Compare(a.createdAt); c != 0 {
			return c
		}
		return int(b.seq - a.seq)
	})
	data := make([]ssoConnectionJSON, 0, len(conns))
	for _, c := range conns {
		data = append(data, c.toJSON(s, ssoBase(r)))
	}
	writePage(w, page, perPage, data)
}
