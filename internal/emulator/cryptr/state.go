package cryptr

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"time"
)

// stateTime renders t for State: RFC 3339 UTC, "" for the zero time.
func stateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// State returns a snapshot of everything the service holds (see State).
func (s *Service) State() State {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := State{AccountDomain: accountDomain, Organizations: []OrganizationState{}}
	for _, k := range apiKeys {
		st.APIKeys = append(st.APIKeys, APIKeyState{ClientID: k.clientID, ClientSecret: k.secret, Environment: k.env})
	}
	orgs := append(slices.Collect(maps.Values(s.orgs)), s.replaced...)
	slices.SortFunc(orgs, func(a, b *organization) int {
		return cmp.Or(strings.Compare(a.domain, b.domain), cmp.Compare(a.seq, b.seq))
	})
	now := s.now()
	for _, o := range orgs {
		st.Organizations = append(st.Organizations, s.orgState(o, now))
	}
	st.Webhooks, st.WebhookEvents, st.RedirectURIs = s.webhookStates(), s.webhookEventStates(), s.redirectStates()
	return st
}

// orgState renders o and its objects; the caller holds s.mu.
func (s *Service) orgState(o *organization, now time.Time) OrganizationState {
	org := OrganizationState{
		Domain: o.domain, Name: o.name, AllowedEmailDomains: slices.Clone(o.allowedEmailDomains),
		Status: o.envStatus(now, s.opts.ProvisioningDelay), Deleted: o.deleted,
		InsertedAt: stateTime(o.createdAt), UpdatedAt: stateTime(o.updatedAt),
		DirectorySyncs: []DirectorySyncState{}, Admins: []AdminState{}, Users: []UserState{},
	}
	if org.AllowedEmailDomains == nil {
		org.AllowedEmailDomains = []string{}
	}
	switch {
	case o.deleted:
		org.Status = "deleted"
	case org.Status == "down":
		org.Status = "pending"
	}
	if c, ok := s.sso.conns[o.seq]; ok {
		org.SSOConnection = &SSOConnectionState{
			ID: c.id, SPID: c.spID, ProviderType: c.providerType, Active: c.active,
			NumberUsersProvisioningLimit: c.limit, UsersAccessPolicy: c.policy, Metadata: c.metadata,
			InsertedAt: stateTime(c.createdAt), UpdatedAt: stateTime(c.updatedAt),
		}
	}
	for key, d := range s.conns.dirSyncs {
		if key.orgSeq == o.seq {
			org.DirectorySyncs = append(org.DirectorySyncs, DirectorySyncState{
				ID: d.id, Environment: key.env, Active: d.active, Token: d.token,
				InsertedAt: stateTime(d.createdAt), UpdatedAt: stateTime(d.updatedAt),
			})
		}
	}
	slices.SortFunc(org.DirectorySyncs, func(a, b DirectorySyncState) int {
		return cmp.Or(strings.Compare(a.Environment, b.Environment), strings.Compare(a.ID, b.ID))
	})
	if c, ok := s.conns.passwords[o.seq]; ok {
		org.PasswordConnection = &PasswordConnectionState{
			ID: c.id, Active: c.active, PlainTextMinLength: c.minLength, PlainTextMaxLength: c.maxLength,
			PepperRotationPeriod: c.pepperRotationPeriod, ForgotPasswordTemplateID: c.forgotPasswordTemplateID,
			InsertedAt: stateTime(c.createdAt), UpdatedAt: stateTime(c.updatedAt),
		}
	}
	if c, ok := s.conns.magicLinks[o.seq]; ok {
		org.MagicLinkConnection = &MagicLinkConnectionState{
			ID: c.id, Active: c.active, FindOrCreateUser: c.findOrCreateUser, SignInTemplateID: c.signInTemplateID,
		}
	}
	if c, ok := s.conns.totps[o.seq]; ok {
		org.TOTPConnection = &TOTPConnectionState{Active: c.active, Method: c.method, ExpiryInSeconds: c.expiry}
	}
	org.Admins, org.Users = s.peopleStates(o.seq)
	return org
}

// peopleStates renders the admins and users of the organization orgSeq;
// the caller holds s.mu.
func (s *Service) peopleStates(orgSeq int64) ([]AdminState, []UserState) {
	admins, users := []AdminState{}, []UserState{}
	for _, a := range s.people.admins {
		if a.orgSeq == orgSeq {
			admins = append(admins, AdminState{ID: a.id, Email: a.email, InsertedAt: stateTime(a.createdAt)})
		}
	}
	slices.SortFunc(admins, func(a, b AdminState) int {
		return cmp.Or(strings.Compare(strings.ToLower(a.Email), strings.ToLower(b.Email)), strings.Compare(a.ID, b.ID))
	})
	for _, u := range s.people.users {
		if u.orgSeq != orgSeq {
			continue
		}
		us := UserState{
			ID: u.id, Environment: u.env, Email: u.email, PhoneNumber: u.phone,
			InsertedAt: stateTime(u.createdAt), UpdatedAt: stateTime(u.updatedAt),
		}
		if len(u.profile) > 0 {
			us.Profile = maps.Clone(u.profile)
		}
		if len(u.address) > 0 {
			us.Address = maps.Clone(u.address)
		}
		for _, m := range u.metadata {
			us.Metadata = append(us.Metadata, UserMetaState{Key: m.key, Value: m.value})
		}
		users = append(users, us)
	}
	slices.SortFunc(users, func(a, b UserState) int {
		return cmp.Or(strings.Compare(a.Environment, b.Environment),
			strings.Compare(strings.ToLower(a.Email), strings.ToLower(b.Email)), strings.Compare(a.ID, b.ID))
	})
	return admins, users
}

// webhookStates renders every webhook; the caller holds s.mu.
func (s *Service) webhookStates() []WebhookState {
	out := []WebhookState{}
	for _, h := range s.hooks.webhooks {
		out = append(out, WebhookState{
			ID: h.id, Environment: h.env, Name: h.name, TargetURL: h.targetURL,
			EventCodes: append([]string{}, h.eventCodes...), SignatureKey: h.signatureKey,
			InsertedAt: stateTime(h.createdAt), UpdatedAt: stateTime(h.updatedAt),
		})
	}
	slices.SortFunc(out, func(a, b WebhookState) int {
		return cmp.Or(strings.Compare(a.Environment, b.Environment), strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
	})
	return out
}

// webhookEventStates renders the event log, by id; the caller holds s.mu.
func (s *Service) webhookEventStates() []WebhookEventState {
	out := []WebhookEventState{}
	for _, e := range s.hooks.events {
		out = append(out, WebhookEventState{
			ID: e.id, Environment: e.env, WebhookID: e.webhookID, EventCode: e.code, State: e.state,
			Attempt: e.attempt, MaxAttempts: e.maxAttempts,
			InsertedAt: stateTime(e.insertedAt), ScheduledAt: stateTime(e.scheduledAt),
		})
	}
	slices.SortFunc(out, func(a, b WebhookEventState) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// redirectStates renders every redirect URI; the caller holds s.mu.
func (s *Service) redirectStates() []RedirectURIState {
	out := []RedirectURIState{}
	for _, u := range s.sso.redirects {
		out = append(out, RedirectURIState{
			ID: u.id, Environment: u.env, URI: u.uri, Default: u.isDefault,
			InsertedAt: stateTime(u.createdAt), UpdatedAt: stateTime(u.updatedAt),
		})
	}
	slices.SortFunc(out, func(a, b RedirectURIState) int {
		return cmp.Or(strings.Compare(a.Environment, b.Environment), strings.Compare(a.URI, b.URI), strings.Compare(a.ID, b.ID))
	})
	return out
}
