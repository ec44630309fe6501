package cryptr

import (
	"crypto/rand"
	"fmt"
	"strings"
	"time"
)

// webhookUUID returns a random version 4 UUID.
func webhookUUID() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic("cryptr: crypto/rand: " + err.Error())
	}
	b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// webhookEventArgs builds the Event envelope of a test event: made-up data
// shaped after the reference samples for directory-sync codes, and an
// invented SsoEvent for SSO SAML codes.
func webhookEventArgs(env, webhookID, code string, now time.Time) map[string]any {
	return map[string]any{
		"__domain__":      accountDomain,
		"__environment__": env,
		"__type__":        "Event",
		"code":            code,
		"data":            webhookEventData(env, code, now),
		"issued_at":       webhookEventTime(now),
		"webhook_id":      webhookID,
	}
}

func webhookEventData(env, code string, now time.Time) map[string]any {
	if strings.HasPrefix(code, "sso_saml.") {
		return map[string]any{
			"__domain__": accountDomain, "__type__": "SsoEvent", "provider": "saml.okta",
			"sso_connection_id": accountDomain + "_" + webhookRandomBase62(22),
			"user_email":        "jane.doe@example.com",
		}
	}
	data := map[string]any{
		"__domain__": accountDomain, "__type__": "DirectorySyncEvent",
		"directory_sync_id": webhookUUID(), "provider": "okta",
	}
	parts := strings.Split(code, ".") // dir_sync.<kind>[.<action>].<outcome>
	if len(parts) < 4 {
		return data // dir_sync.activate.success, dir_sync.deactivate.success
	}
	kind, action := parts[1], parts[2]
	change := map[string]string{"provision": "create", "create": "create", "deprovision": "delete"}[action]
	if change == "" {
		change = "update"
	}
	data["change"] = change
	if kind == "user" {
		data["resource"] = map[string]any{
			"changes": map[string]any{"new_values": webhookDemoUser(env, now), "previous_values": nil},
			"id":      "user_" + webhookUUID(), "type": "User",
		}
		return data
	}
	changes := map[string]any{
		"new_values":      map[string]any{"__type__": "Group", "display_name": "Engineering", "id": webhookUUID()},
		"previous_values": nil,
	}
	switch action {
	case "users_added":
		changes = map[string]any{"added_users": []any{webhookDemoUser(env, now)}, "removed_users": []any{}}
	case "users_removed":
		changes = map[string]any{"added_users": []any{}, "removed_users": []any{webhookDemoUser(env, now)}}
	}
	data["resource"] = map[string]any{"changes": changes, "id": "group_" + webhookUUID(), "type": "Group"}
	return data
}

// webhookDemoUser is the made-up user of a test event, with exactly the keys
// of the user in the reference's event samples (its address and its eight
// profile fields included; no active, identities or phone_numbers).
func webhookDemoUser(env string, now time.Time) map[string]any {
	ts := now.UTC().Format(timeLayout)
	return map[string]any{
		"__domain__": accountDomain, "__environment__": env, "__type__": "User",
		"address": map[string]any{
			"country": "FR", "formatted": "165 avenue de Bretagne\n59000 Lille, France", "locality": "Lille",
			"postal_code": "59000", "region": "Nord", "street_address": "165 avenue de Bretagne",
		},
		"email": "jane.doe@example.com", "email_verified": false, "id": webhookUUID(),
		"inserted_at": ts, "meta_data": []any{}, "phone_number": nil, "phone_number_verified": false,
		"profile": map[string]any{
			"birthdate": "1990-01-01", "family_name": "Doe", "gender": nil, "given_name": "Jane",
			"locale": "en_US", "nickname": "Jane", "preferred_username": nil, "zoneinfo": "Europe/Paris",
		},
		"updated_at": ts,
	}
}
