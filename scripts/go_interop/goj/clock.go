// Added for differential testing: the standard library's jar.go, copied
// verbatim from GOROOT (only the internal ascii import path changed), with
// exported wrappers around its unexported time-parameterised methods, so
// that a scenario's virtual clock can drive it.
package cookiejar

import (
	"net/http"
	"net/url"
	"time"
)

// SetCookiesAt is SetCookies with an explicit "now".
func (j *Jar) SetCookiesAt(u *url.URL, cookies []*http.Cookie, now time.Time) {
	j.setCookies(u, cookies, now)
}

// CookiesAt is Cookies with an explicit "now".
func (j *Jar) CookiesAt(u *url.URL, now time.Time) []*http.Cookie {
	return j.cookies(u, now)
}
