package cryptr

import (
	"strings"
	"time"
)

const timeLayout = "2006-01-02T15:04:05"

// organization is one stored organization; deleted ones stay as tombstones
// until an organization with the same domain is created again.
type organization struct {
	seq                 int64
	domain, name        string
	allowedEmailDomains []string
	createdAt           time.Time
	updatedAt           time.Time
	deleted             bool
	// upAtSeed marks an organization seeded as "up": its provisioning is
	// over whatever its creation time says.
	upAtSeed bool
}

type envJSON struct {
	Name   string `json:"name"`
	Status string `json:"status"`
}

type statusJSON struct {
	Errors                     []string `json:"errors"`
	EstimatedTimeToCompleteSec *int64   `json:"estimated_time_to_complete_in_seconds"`
	ProgressInPercentage       int      `json:"progress_in_percentage"`
	State                      string   `json:"state"`
}

// orgJSON is the Organization wire object (field order as in the reference).
type orgJSON struct {
	Type                string     `json:"__type__"`
	AllowedEmailDomains []string   `json:"allowed_email_domains"`
	Color               string     `json:"color"`
	Domain              string     `json:"domain"`
	Environments        []envJSON  `json:"environments"`
	IconLogoURL         *string    `json:"icon_logo_url"`
	InlineLogoURL       *string    `json:"inline_logo_url"`
	InsertedAt          string     `json:"inserted_at"`
	Locale              string     `json:"locale"`
	Name                string     `json:"name"`
	Status              statusJSON `json:"status"`
	Timezone            string     `json:"timezone"`
	UpdatedAt           string     `json:"updated_at"`
}

// nestedOrgJSON is the Organization nested in an SSO connection or an
// admin: the reference's nested samples carry only these fields (no color,
// logo URLs, locale or timezone), so the emulator nests no more.
type nestedOrgJSON struct {
	Type                string     `json:"__type__"`
	AllowedEmailDomains []string   `json:"allowed_email_domains"`
	Domain              string     `json:"domain"`
	Environments        []envJSON  `json:"environments"`
	InsertedAt          string     `json:"inserted_at"`
	Name                string     `json:"name"`
	Status              statusJSON `json:"status"`
	UpdatedAt           string     `json:"updated_at"`
}

// nestedJSON renders the organization as nested in other objects, seen at now.
func (o *organization) nestedJSON(now time.Time, delay time.Duration) nestedOrgJSON {
	j := o.toJSON(now, delay)
	return nestedOrgJSON{
		Type: j.Type, AllowedEmailDomains: j.AllowedEmailDomains, Domain: j.Domain, Environments: j.Environments,
		InsertedAt: j.InsertedAt, Name: j.Name, Status: j.Status, UpdatedAt: j.UpdatedAt,
	}
}

// deletedOrgJSON is what GET answers for a deleted organization.
type deletedOrgJSON struct {
	Type    string `json:"__type__"`
	Domain  string `json:"domain"`
	Name    string `json:"name"`
	Deleted bool   `json:"deleted"`
}

// provisioned reports whether provisioning is over at now, and the
// remaining time if not. Provisioning state is derived from the clock.
func (o *organization) provisioned(now time.Time, delay time.Duration) (bool, time.Duration) {
	if o.upAtSeed {
		return true, 0
	}
	remaining := o.createdAt.Add(delay).Sub(now)
	return remaining <= 0, remaining
}

// envStatus is "up" once provisioning is over, else "down" (both
// environments move together).
func (o *organization) envStatus(now time.Time, delay time.Duration) string {
	if done, _ := o.provisioned(now, delay); done {
		return "up"
	}
	return "down"
}

// toJSON renders the organization as seen at now.
func (o *organization) toJSON(now time.Time, delay time.Duration) orgJSON {
	done, remaining := o.provisioned(now, delay)
	st := statusJSON{Errors: []string{}, State: "terminated", ProgressInPercentage: 100}
	updated := o.updatedAt
	if done {
		if fin := o.createdAt.Add(delay); fin.After(updated) && !o.upAtSeed {
			updated = fin
		}
	} else {
		secs := int64((remaining + time.Second - 1) / time.Second)
		st.EstimatedTimeToCompleteSec = &secs
		st.State = "pending"
		st.ProgressInPercentage = min(99, int(100*(delay-remaining)/delay))
	}
	env := o.envStatus(now, delay)
	domains := append([]string{}, o.allowedEmailDomains...)
	return orgJSON{
		Type:                "Organization",
		AllowedEmailDomains: domains,
		Color:               "red-500",
		Domain:              o.domain,
		Environments:        []envJSON{{"production", env}, {"sandbox", env}},
		InsertedAt:          o.createdAt.UTC().Format(timeLayout),
		Locale:              "en-US",
		Name:                o.name,
		Status:              st,
		Timezone:            "Coordinated Universal Time (UTC)",
		UpdatedAt:           updated.UTC().Format(timeLayout),
	}
}

// slugify derives a domain from a name: lowercase ASCII letters and digits
// are kept, every run of other characters becomes "-", and leading or
// trailing "-" are trimmed.
func slugify(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

// validEmailDomain accepts values that contain a dot and no whitespace.
func validEmailDomain(d string) bool {
	return strings.Contains(d, ".") && !strings.ContainsAny(d, " \t\r\n\v\f")
}
