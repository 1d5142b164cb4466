//! The stored cookie record.
//!
//! [`Cookie`] is the record of RFC 6265bis §5.7 ("Storage Model"): name,
//! value, domain, host-only flag, path, expiry, creation and last-access
//! times, persistent flag, secure-only, http-only, same-site and
//! partitioned. It also carries the fields that the ClientCookie / Python
//! `http.cookiejar` model and the LWP and Mozilla file formats need
//! (version, port, comment, comment URL, discard, `rfc2109`, and any other
//! attributes), so that a cookie survives a round trip through any of them.
//!
//! Unlike `cookie::Cookie` (which a server uses to *write* `Set-Cookie`
//! headers), every cookie here has a resolved domain and path: it is what a
//! client keeps after it accepted a `Set-Cookie` header.

use std::fmt;

use crate::bytes::has_ctl;
use crate::clock::{Clock, SystemClock};
use crate::policy::Rejection;
use crate::short_str::ShortStr;
use crate::time_util::UnixTime;
use time::OffsetDateTime;

/// The `SameSite` enforcement of a cookie (RFC 6265bis §5.6.7, §5.7 step 17).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum SameSite {
    /// No (valid) `SameSite` attribute was given: RFC 6265bis's "Default".
    #[default]
    Default,
    /// `SameSite=None`: sent with cross-site requests.
    None,
    /// `SameSite=Lax`.
    Lax,
    /// `SameSite=Strict`.
    Strict,
}

impl SameSite {
    /// The attribute value as written in a `Set-Cookie` header, or `None`
    /// for [`SameSite::Default`].
    pub fn as_attribute(self) -> Option<&'static str> {
        match self {
            SameSite::Default => None,
            SameSite::None => Some("None"),
            SameSite::Lax => Some("Lax"),
            SameSite::Strict => Some("Strict"),
        }
    }
}

/// `Strict`, `Lax`, `None`, or `Default` (RFC 6265bis's name for the
/// enforcement of a cookie without the attribute).
impl fmt::Display for SameSite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_attribute().unwrap_or("Default"))
    }
}

/// Reads what [`Display`](fmt::Display) writes, ASCII case aside, as RFC
/// 6265bis §5.6.7 reads the attribute's value; any other text is an
/// error (where a `Set-Cookie` header's unknown value means
/// [`SameSite::Default`]).
///
/// ```
/// use cookiejar::SameSite;
/// assert_eq!("lax".parse::<SameSite>(), Ok(SameSite::Lax));
/// assert_eq!(SameSite::Strict.to_string(), "Strict");
/// assert!("sometimes".parse::<SameSite>().is_err());
/// ```
impl std::str::FromStr for SameSite {
    type Err = ParseSameSiteError;

    fn from_str(s: &str) -> Result<SameSite, ParseSameSiteError> {
        [
            SameSite::Strict,
            SameSite::Lax,
            SameSite::None,
            SameSite::Default,
        ]
        .into_iter()
        .find(|v| v.to_string().eq_ignore_ascii_case(s.trim()))
        .ok_or(ParseSameSiteError(()))
    }
}

/// The error of parsing a [`SameSite`] from text that is none of its
/// names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseSameSiteError(());

impl fmt::Display for ParseSameSiteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a SameSite value (Strict, Lax, None or Default)")
    }
}

impl std::error::Error for ParseSameSiteError {}

/// The key that identifies a stored cookie: a new cookie with the same key
/// replaces the old one (RFC 6265bis §5.7 step 22: same name, domain,
/// host-only flag and path).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub struct CookieKey {
    /// Canonical, without a leading dot: private, so that no key names a
    /// domain the jar never keeps (`Example.COM`).
    pub(crate) domain: String,
    pub(crate) host_only: bool,
    pub(crate) path: String,
    pub(crate) name: String,
}

/// How many bytes of `name=value` a [`NameValue`] keeps inline: the most
/// that keeps it 56 bytes (with its two lengths and the variant tag).
const INLINE_PAIR: usize = 53;

/// A cookie's name and value, stored as the `Cookie` header serializes
/// them (RFC 6265bis §5.8.3 step 4): `name=value`, or only `value` when
/// the name is empty. Up to [`INLINE_PAIR`] bytes (most cookies) inside
/// the cookie, longer ones in one heap allocation: storing a cookie then
/// allocates once, for the cookie, instead of twice.
#[derive(Clone)]
pub(crate) struct NameValue(PairRepr);

// The inline buffer is sized to this.
const _: () = assert!(std::mem::size_of::<NameValue>() <= 56);

#[derive(Clone)]
enum PairRepr {
    /// The pair is `bytes[..len]`, valid UTF-8 (only ever copied from a
    /// `str`); the name is its first `name_len` bytes.
    Inline {
        len: u8,
        name_len: u8,
        bytes: [u8; INLINE_PAIR],
    },
    Heap {
        pair: Box<str>,
        name_len: usize,
    },
}

impl PartialEq for NameValue {
    fn eq(&self, other: &NameValue) -> bool {
        self.name_len() == other.name_len() && self.pair_bytes() == other.pair_bytes()
    }
}

impl Eq for NameValue {}

impl std::hash::Hash for NameValue {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name_len().hash(state);
        self.pair_bytes().hash(state);
    }
}

impl NameValue {
    /// `name=value` (or `value` for an empty name) joined.
    pub(crate) fn new(name: &str, value: &str) -> NameValue {
        let sep = usize::from(!name.is_empty());
        let len = name.len() + sep + value.len();
        if len <= INLINE_PAIR {
            let mut bytes = [0u8; INLINE_PAIR];
            bytes[..name.len()].copy_from_slice(name.as_bytes());
            if sep == 1 {
                bytes[name.len()] = b'=';
            }
            bytes[name.len() + sep..len].copy_from_slice(value.as_bytes());
            return NameValue::inline(bytes, len, name.len());
        }
        // Exactly sized, so that making it a box does not reallocate.
        let mut pair = String::with_capacity(len);
        pair.push_str(name);
        if sep == 1 {
            pair.push('=');
        }
        pair.push_str(value);
        NameValue(PairRepr::Heap {
            pair: pair.into_boxed_str(),
            name_len: name.len(),
        })
    }

    /// The inline form of `bytes[..len]`, whose name is `name_len` bytes
    /// (both at most [`INLINE_PAIR`]).
    fn inline(bytes: [u8; INLINE_PAIR], len: usize, name_len: usize) -> NameValue {
        NameValue(PairRepr::Inline {
            // Both fit: at most INLINE_PAIR, checked by the callers.
            len: len as u8,
            name_len: name_len as u8,
            bytes,
        })
    }

    /// As [`NameValue::new`], for a `name` and `value` sliced from
    /// `line`: when they are one `name=value` run of it (no space around
    /// the `=`, as in nearly every `Set-Cookie` header), the pair is
    /// copied from the line in one piece instead of joined.
    pub(crate) fn from_line(line: &str, name: &str, value: &str) -> NameValue {
        let base = line.as_ptr() as usize;
        let start = (name.as_ptr() as usize).wrapping_sub(base);
        let end = (value.as_ptr() as usize)
            .wrapping_sub(base)
            .wrapping_add(value.len());
        match line.get(start..end) {
            Some(pair)
                if !name.is_empty()
                    && pair.len() == name.len() + 1 + value.len()
                    && pair.as_bytes()[name.len()] == b'='
                    && pair.as_ptr() == name.as_ptr()
                    && pair.ends_with(value) =>
            {
                if pair.len() <= INLINE_PAIR {
                    let mut bytes = [0u8; INLINE_PAIR];
                    bytes[..pair.len()].copy_from_slice(pair.as_bytes());
                    return NameValue::inline(bytes, pair.len(), name.len());
                }
                NameValue(PairRepr::Heap {
                    pair: pair.into(),
                    name_len: name.len(),
                })
            }
            _ => NameValue::new(name, value),
        }
    }

    /// The name's length in bytes.
    fn name_len(&self) -> usize {
        match &self.0 {
            PairRepr::Inline { name_len, .. } => usize::from(*name_len),
            PairRepr::Heap { name_len, .. } => *name_len,
        }
    }

    /// The length of the name plus the value, in bytes (no UTF-8 check).
    #[inline]
    pub(crate) fn name_value_len(&self) -> usize {
        self.pair_bytes().len() - usize::from(self.name_len() != 0)
    }

    /// The pair's bytes (no UTF-8 check).
    #[inline]
    pub(crate) fn pair_bytes(&self) -> &[u8] {
        match &self.0 {
            PairRepr::Inline { len, bytes, .. } => &bytes[..usize::from(*len)],
            PairRepr::Heap { pair, .. } => pair.as_bytes(),
        }
    }

    /// The name's bytes (no UTF-8 check).
    #[inline]
    pub(crate) fn name_bytes(&self) -> &[u8] {
        &self.pair_bytes()[..self.name_len()]
    }

    /// A part of the pair as text. Inline bytes are valid UTF-8 (copied
    /// from a `str` and cut at the `=`), so the fallback is never taken.
    fn text(bytes: &[u8]) -> &str {
        std::str::from_utf8(bytes).unwrap_or_default()
    }

    pub(crate) fn name(&self) -> &str {
        match &self.0 {
            PairRepr::Heap { pair, name_len } => &pair[..*name_len],
            PairRepr::Inline { .. } => NameValue::text(self.name_bytes()),
        }
    }

    pub(crate) fn value(&self) -> &str {
        let n = self.name_len();
        let start = if n == 0 { 0 } else { n + 1 };
        match &self.0 {
            PairRepr::Heap { pair, .. } => &pair[start..],
            PairRepr::Inline { .. } => NameValue::text(&self.pair_bytes()[start..]),
        }
    }

    /// `name=value`, or `value` for a nameless cookie.
    pub(crate) fn pair(&self) -> &str {
        match &self.0 {
            PairRepr::Heap { pair, .. } => pair,
            PairRepr::Inline { .. } => NameValue::text(self.pair_bytes()),
        }
    }
}

/// Serialized as two fields, `name` and `value` (flattened into
/// [`Cookie`]'s).
/// A cookie as a client stores it (RFC 6265bis §5.7).
///
/// Build one with [`Cookie::builder`], or get one from a
/// [`CookieJar`](crate::CookieJar). The value is redacted in `Debug`
/// output, since it is often a session credential.
#[derive(Clone, PartialEq, Eq)]
pub struct Cookie {
    /// The name and value in one shared allocation, as a `Cookie` header
    /// carries them: `name=value`, or just `value` for a nameless cookie
    /// (see [`NameValue`]).
    pub(crate) nv: NameValue,
    pub(crate) domain: ShortStr,
    pub(crate) host_only: bool,
    pub(crate) path: ShortStr,
    pub(crate) expires: Option<UnixTime>,
    pub(crate) creation: UnixTime,
    pub(crate) last_access: UnixTime,
    pub(crate) secure: bool,
    pub(crate) http_only: bool,
    pub(crate) same_site: SameSite,
    pub(crate) partitioned: bool,
    pub(crate) storable: Storable,
    pub(crate) legacy: Legacy,
}

/// Whether a cookie is known to pass [`Cookie::make_storable`] as it is:
/// set by the file readers once they have made the same checks
/// (`Sink::push_clean`), cleared by a change of the fields checked
/// ([`Cookie::set_value`]), so that a jar's `replace_all` of a file's
/// cookies does not check them twice. No part of the cookie's value: any
/// two compare equal.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Storable(pub(crate) bool);

impl PartialEq for Storable {
    fn eq(&self, _: &Storable) -> bool {
        true
    }
}

impl Eq for Storable {}

/// The fields of the ClientCookie / `http.cookiejar` model that RFC 6265bis
/// does not have. Kept so that legacy policies and file formats lose
/// nothing. The strings most cookies lack live behind one optional box,
/// so a modern cookie pays 8 bytes for them.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(crate) struct Legacy {
    pub(crate) version: Option<u32>,
    pub(crate) port_specified: bool,
    pub(crate) value_absent: bool,
    pub(crate) discard: bool,
    pub(crate) rfc2109: bool,
    pub(crate) path_specified: bool,
    pub(crate) domain_initial_dot: bool,
    extra: Option<Box<LegacyExtra>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
struct LegacyExtra {
    port: Option<String>,
    comment: Option<String>,
    comment_url: Option<String>,
    rest: Vec<(String, Option<String>)>,
}

/// Every legacy field, for building a [`Legacy`] with a struct literal.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(crate) struct LegacyParts {
    pub(crate) version: Option<u32>,
    pub(crate) port: Option<String>,
    pub(crate) port_specified: bool,
    pub(crate) value_absent: bool,
    pub(crate) comment: Option<String>,
    pub(crate) comment_url: Option<String>,
    pub(crate) discard: bool,
    pub(crate) rfc2109: bool,
    pub(crate) path_specified: bool,
    pub(crate) domain_initial_dot: bool,
    pub(crate) rest: Vec<(String, Option<String>)>,
}

impl From<LegacyParts> for Legacy {
    fn from(p: LegacyParts) -> Legacy {
        let none =
            p.port.is_none() && p.comment.is_none() && p.comment_url.is_none() && p.rest.is_empty();
        let extra = (!none).then(|| {
            Box::new(LegacyExtra {
                port: p.port,
                comment: p.comment,
                comment_url: p.comment_url,
                rest: p.rest,
            })
        });
        Legacy {
            version: p.version,
            port_specified: p.port_specified,
            value_absent: p.value_absent,
            discard: p.discard,
            rfc2109: p.rfc2109,
            path_specified: p.path_specified,
            domain_initial_dot: p.domain_initial_dot,
            extra,
        }
    }
}

impl Legacy {
    /// The legacy fields an RFC 6265bis `Set-Cookie` header gives a
    /// cookie: no port, comment or other strings (so nothing to box).
    pub(crate) fn from_set_cookie(
        version: Option<u32>,
        path_specified: bool,
        domain_initial_dot: bool,
    ) -> Legacy {
        Legacy {
            version,
            path_specified,
            domain_initial_dot,
            ..Legacy::default()
        }
    }

    pub(crate) fn port(&self) -> Option<&str> {
        self.extra.as_ref()?.port.as_deref()
    }
    pub(crate) fn comment(&self) -> Option<&str> {
        self.extra.as_ref()?.comment.as_deref()
    }
    pub(crate) fn comment_url(&self) -> Option<&str> {
        self.extra.as_ref()?.comment_url.as_deref()
    }
    pub(crate) fn rest(&self) -> &[(String, Option<String>)] {
        self.extra.as_ref().map_or(&[], |e| e.rest.as_slice())
    }
    /// Drops an empty box, so equal cookies compare equal.
    fn normalize(&mut self) {
        if self.extra.as_deref() == Some(&LegacyExtra::default()) {
            self.extra = None;
        }
    }
    fn extra_mut(&mut self) -> &mut LegacyExtra {
        self.extra.get_or_insert_with(Box::default)
    }
    pub(crate) fn set_port(&mut self, port: Option<String>) {
        self.extra_mut().port = port;
        self.normalize();
    }
    pub(crate) fn set_comment(&mut self, comment: Option<String>) {
        self.extra_mut().comment = comment;
        self.normalize();
    }
    pub(crate) fn set_comment_url(&mut self, url: Option<String>) {
        self.extra_mut().comment_url = url;
        self.normalize();
    }
    pub(crate) fn push_rest(&mut self, name: String, value: Option<String>) {
        self.extra_mut().rest.push((name, value));
        self.normalize();
    }
}

/// A stored cookie's domain as request hosts are written (RFC 6265bis
/// §5.1.2), so that it can match them: lower case, and a Unicode name in
/// A-labels (kept lower-cased when it is no valid host name).
pub(crate) fn canonical_domain(d: &str) -> ShortStr {
    match d.is_ascii() {
        true => ShortStr::ascii_lowercase(d),
        false => match url::Host::parse(d) {
            Ok(url::Host::Domain(a)) => a.into(),
            _ => ShortStr::ascii_lowercase(d),
        },
    }
}

/// Whether a cookie's domain is an IP address (bracketed or bare IPv6,
/// dotted IPv4), parsed only when it could be one: a host name never
/// ends in a digit (no top-level domain is numeric), and a bare IPv6
/// address ends in a hexadecimal digit with a colon in its last five
/// bytes (a file load asks this of every domain cookie: a scan of each
/// domain for a colon cost 2% of a 100k-cookie load).
pub(crate) fn is_address_domain(b: &[u8]) -> bool {
    let maybe = match (b.first(), b.last()) {
        (Some(b'['), _) => true,
        (_, Some(last)) if last.is_ascii_digit() => true,
        // Its last group has at most four digits.
        (_, Some(last)) => {
            last.is_ascii_hexdigit() && b[b.len().saturating_sub(5)..].contains(&b':')
        }
        _ => false,
    };
    maybe && std::str::from_utf8(b).is_ok_and(crate::matching::is_ip_literal)
}

/// A domain as a user writes it, as the jar keeps it: one leading dot
/// dropped, lower case, Unicode in A-labels (as [`CookieBuilder::domain`]
/// makes it), for keys and filters.
pub(crate) fn key_domain(domain: &str) -> String {
    let domain = domain.strip_prefix('.').unwrap_or(domain);
    canonical_domain(domain).to_string()
}

impl Cookie {
    /// Makes a cookie given whole (built, deserialized, read from a file)
    /// one the jar can hold and send safely, or says why it cannot be:
    /// refused when a field holds a control character (RFC 6265bis §5.6
    /// step 1 ignores such a cookie; in the `Cookie` header a line break
    /// would start another header, and any of them makes the header an
    /// invalid field value), when its name and value are both empty
    /// ([`Rejection::Empty`]: nothing to send), or when it has no domain (it could never be
    /// sent, and a `cookies.txt` line needs one) or one with an empty
    /// label (`..com` as stored, `com..`:
    /// [`Rejection::DomainEmptyLabel`]); its domain lower-cased, and a Unicode one put
    /// in A-labels, as the builder does, so that it can match a request
    /// host. (A leading dot is each format's business: the builder and
    /// the JSON format drop one, cookies.txt reads it as a flag.) A
    /// cookie from a `Set-Cookie` header meets all of this already. A `;`
    /// in a value (which files written by other programs hold) is kept,
    /// and sent as is, as Python and curl send it.
    pub(crate) fn into_storable(mut self) -> Result<Cookie, Rejection> {
        self.make_storable()?;
        Ok(self)
    }

    /// [`Cookie::into_storable`] in place, with no move of the cookie.
    pub(crate) fn make_storable(&mut self) -> Result<(), Rejection> {
        if self.storable.0 {
            return Ok(());
        }
        self.check_controls()?;
        // Nothing to send (RFC 6265bis §5.7 step 2 ignores such a cookie;
        // a file can hold one): it would write an empty pair.
        if self.nv.pair_bytes().is_empty() {
            return Err(Rejection::Empty);
        }
        let odd = |b: &u8| b.is_ascii_uppercase() || !b.is_ascii();
        if self.domain.as_bytes().iter().any(odd) {
            self.domain = canonical_domain(&self.domain);
        }
        if self.domain.is_empty() {
            return Err(Rejection::NoDomain);
        }
        if crate::matching::has_empty_label(self.domain.as_bytes()) {
            return Err(Rejection::DomainEmptyLabel);
        }
        self.address_is_host_only();
        Ok(())
    }

    /// Makes a domain cookie of an IP address the address's host-only
    /// cookie: an address has no subdomains, and browsers (and Go's and
    /// curl's jars) store a `Domain` naming the request's address so, so
    /// that it replaces the address's cookie of the same name.
    pub(crate) fn address_is_host_only(&mut self) {
        if !self.host_only && is_address_domain(self.domain.as_bytes()) {
            self.host_only = true;
        }
    }

    /// The part of [`Cookie::into_storable`] that changes nothing: no
    /// control character (but HTAB) in the name, value, domain, path or
    /// port (RFC 6265bis §5.6 step 1).
    pub(crate) fn check_controls(&self) -> Result<(), Rejection> {
        let port = self.legacy.port().unwrap_or("");
        if has_ctl(self.nv.pair_bytes())
            || has_ctl(self.domain.as_bytes())
            || has_ctl(self.path.as_bytes())
            || has_ctl(port.as_bytes())
        {
            return Err(Rejection::ControlCharacter);
        }
        Ok(())
    }
}

impl Cookie {
    /// Starts building a cookie with the given name and value. The domain
    /// must be set before [`CookieBuilder::build`] (the jar refuses a
    /// cookie without one: [`Rejection::NoDomain`]); the other fields have RFC 6265bis defaults (path
    /// `/`, host-only, session, not secure), and the creation and
    /// last-access times are the system clock's now, not a jar's clock:
    /// a test under a [`ManualClock`](crate::ManualClock) sets them
    /// ([`CookieBuilder::creation_time`]), since the creation time orders
    /// the `Cookie` header (RFC 6265bis §5.8.3 step 2).
    pub fn builder(name: impl AsRef<str>, value: impl AsRef<str>) -> CookieBuilder {
        let now = UnixTime::from_unix_nanos(SystemClock.now_unix_nanos());
        CookieBuilder {
            cookie: Cookie {
                nv: NameValue::new(name.as_ref(), value.as_ref()),
                domain: ShortStr::default(),
                host_only: true,
                path: ShortStr::new("/"),
                expires: None,
                creation: now,
                last_access: now,
                secure: false,
                http_only: false,
                same_site: SameSite::Default,
                partitioned: false,
                storable: Storable::default(),
                legacy: Legacy::default(),
            },
        }
    }

    /// The cookie's name (may be empty: RFC 6265bis keeps nameless cookies).
    pub fn name(&self) -> &str {
        self.nv.name()
    }

    /// The cookie's value.
    pub fn value(&self) -> &str {
        self.nv.value()
    }

    /// The cookie's domain: the canonical host it belongs to (for a
    /// host-only cookie) or the domain it was set for, lower case, in
    /// A-label form, without a leading dot.
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// Whether the cookie is sent only to exactly [`Cookie::domain`]
    /// (RFC 6265bis host-only-flag), rather than to its subdomains too.
    pub fn host_only(&self) -> bool {
        self.host_only
    }

    /// The cookie's path.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// When the cookie expires, in UTC; `None` for a session
    /// (non-persistent) cookie. A cookie keeps its times as instants (to
    /// the nanosecond), so a time given with another offset comes back in
    /// UTC.
    pub fn expires(&self) -> Option<OffsetDateTime> {
        self.expires.map(UnixTime::to_datetime)
    }

    /// Whether the cookie outlives the session (RFC 6265bis persistent-flag).
    pub fn persistent(&self) -> bool {
        self.expires.is_some()
    }

    /// When the cookie was first stored, in UTC; a replacement keeps the
    /// creation time of the cookie it replaced.
    pub fn creation_time(&self) -> OffsetDateTime {
        self.creation.to_datetime()
    }

    /// When the cookie was last stored or sent, in UTC.
    pub fn last_access_time(&self) -> OffsetDateTime {
        self.last_access.to_datetime()
    }

    /// Whether the cookie is sent only over secure channels.
    pub fn secure(&self) -> bool {
        self.secure
    }

    /// Whether the cookie is hidden from non-HTTP APIs.
    pub fn http_only(&self) -> bool {
        self.http_only
    }

    /// The cookie's `SameSite` enforcement, as the server set it. The jar
    /// keeps it, saves it in LWP and JSON files (not in cookies.txt, which
    /// has no field for it), and under RFC 6265bis rules refuses
    /// `SameSite=None` without `Secure` (§5.7 step 19). It withholds `Lax` and `Strict`
    /// cookies from cross-site requests (§5.8.3 step 1) only under a
    /// policy that enforces `SameSite` (see
    /// [`SameSiteRules`](crate::SameSiteRules); the default ignores it).
    pub fn same_site(&self) -> SameSite {
        self.same_site
    }

    /// Whether the cookie had the `Partitioned` (CHIPS) attribute.
    pub fn partitioned(&self) -> bool {
        self.partitioned
    }

    /// The cookie's version: `None` for a Netscape / RFC 6265 cookie,
    /// `Some(1)` for an RFC 2109 or RFC 2965 cookie.
    pub fn version(&self) -> Option<u32> {
        self.legacy.version
    }

    /// The RFC 2965 `Port` attribute: `Some("")` when given without a
    /// value, `Some("80,8080")` for a port list.
    pub fn port(&self) -> Option<&str> {
        self.legacy.port()
    }

    /// Whether the `Port` attribute had a value (RFC 2965 §3.3.1); a bare
    /// `Port` binds the cookie to the request's port, which
    /// [`Cookie::port`] then holds.
    pub fn port_specified(&self) -> bool {
        self.legacy.port_specified
    }

    /// Whether the cookie had a name but no `=value` at all (a Netscape
    /// `Set-Cookie: foo` under ClientCookie rules, Python's `value=None`);
    /// it is sent as just its name.
    pub fn value_absent(&self) -> bool {
        self.legacy.value_absent
    }

    /// The RFC 2109 / 2965 `Comment` attribute.
    pub fn comment(&self) -> Option<&str> {
        self.legacy.comment()
    }

    /// The RFC 2965 `CommentURL` attribute.
    pub fn comment_url(&self) -> Option<&str> {
        self.legacy.comment_url()
    }

    /// Whether the cookie is to be discarded at the end of the session
    /// (the RFC 2965 `Discard` attribute, or a cookie without expiry).
    pub fn discard(&self) -> bool {
        self.legacy.discard || self.expires.is_none()
    }

    /// Whether this was an RFC 2109 cookie (version 1 in `Set-Cookie`).
    pub fn rfc2109(&self) -> bool {
        self.legacy.rfc2109
    }

    /// Whether the `Path` came from an attribute (rather than the default
    /// path of the request URL).
    pub fn path_specified(&self) -> bool {
        self.legacy.path_specified
    }

    /// Whether the `Domain` attribute was written with a leading dot.
    pub fn domain_initial_dot(&self) -> bool {
        self.legacy.domain_initial_dot
    }

    /// Attributes the cookie carried that this model has no field for, in
    /// the order received (ClientCookie's `rest`).
    pub fn other_attributes(&self) -> impl Iterator<Item = (&str, Option<&str>)> {
        self.legacy
            .rest()
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_deref()))
    }

    /// The key under which the cookie is stored.
    pub fn key(&self) -> CookieKey {
        CookieKey {
            domain: self.domain.to_string(),
            host_only: self.host_only,
            path: self.path.to_string(),
            name: self.name().to_owned(),
        }
    }

    /// Whether the cookie has the key `key`.
    pub(crate) fn has_key(&self, key: &CookieKey) -> bool {
        self.host_only == key.host_only
            && self.name() == key.name
            && *self.path == *key.path
            && *self.domain == *key.domain
    }
}

impl CookieKey {
    /// The key of a cookie named `name` for `domain` and `path`,
    /// host-only or not. The domain is made canonical as
    /// [`CookieBuilder::domain`] makes it (one leading dot dropped, lower
    /// case, a Unicode name in A-labels), so that
    /// `CookieKey::new(".Example.COM", ..)` names the cookie stored for
    /// `example.com`; the path and name are case-sensitive and kept as
    /// given.
    ///
    /// ```
    /// use cookiejar::CookieKey;
    /// let key = CookieKey::new(".Example.COM", false, "/", "sid");
    /// assert_eq!(key.domain(), "example.com");
    /// assert_eq!(CookieKey::new("bücher.example", true, "/", "a").domain(), "xn--bcher-kva.example");
    /// ```
    pub fn new(domain: &str, host_only: bool, path: &str, name: &str) -> CookieKey {
        CookieKey {
            domain: key_domain(domain),
            host_only,
            path: path.to_owned(),
            name: name.to_owned(),
        }
    }

    /// The cookie's domain: canonical, without a leading dot.
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// The cookie's host-only flag.
    pub fn host_only(&self) -> bool {
        self.host_only
    }

    /// The cookie's path.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The cookie's name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Cookie {
    /// Whether the cookie has expired at `now`.
    pub fn is_expired(&self, now: OffsetDateTime) -> bool {
        matches!(self.expires, Some(t) if t <= UnixTime::from(now))
    }

    /// Sets the value.
    pub fn set_value(&mut self, value: impl AsRef<str>) {
        self.nv = NameValue::new(self.nv.name(), value.as_ref());
        self.storable = Storable(false);
    }

    /// Sets the expiry (`None`: a session cookie).
    pub fn set_expires(&mut self, expires: Option<OffsetDateTime>) {
        self.expires = expires.map(UnixTime::from);
    }

    /// Sets the RFC 2109 / RFC 2965 version (`None`: a cookie without
    /// one, which every policy treats as version 0).
    pub fn set_version(&mut self, version: Option<u32>) {
        self.legacy.version = version;
    }

    /// Writes `name=value`, or just `value` for a nameless cookie, as in a
    /// `Cookie` header (RFC 6265bis §5.8.3 step 4).
    pub(crate) fn write_pair(&self, out: &mut String) {
        if self.legacy.value_absent {
            out.push_str(self.name());
        } else {
            out.push_str(self.nv.pair());
        }
    }
}

impl fmt::Debug for Cookie {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Cookie")
            .field("name", &self.name())
            .field("value", &"<redacted>")
            .field("domain", &self.domain)
            .field("host_only", &self.host_only)
            .field("path", &self.path)
            .field("expires", &self.expires)
            .field("creation", &self.creation)
            .field("secure", &self.secure)
            .field("http_only", &self.http_only)
            .field("same_site", &self.same_site)
            .field("partitioned", &self.partitioned)
            .field("version", &self.legacy.version)
            .finish_non_exhaustive()
    }
}

/// Writes the cookie as a `Set-Cookie` header value that, received from a
/// URL on the cookie's domain, makes a cookie with the same key, value
/// and flags (host-only cookies have no `Domain` attribute). Its expiry
/// is written as a date, which the receiving jar caps (at 400 days under
/// RFC 6265bis) and its creation and last-access times are not written.
///
/// The value is written as it is: unlike `Debug` output, which redacts
/// it, this is no form for a log line (a session cookie's value is a
/// credential).
impl fmt::Display for Cookie {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.legacy.value_absent {
            f.write_str(self.name())?;
        } else {
            f.write_str(self.nv.pair())?;
        }
        if !self.host_only {
            write!(f, "; Domain={}", self.domain)?;
        }
        write!(f, "; Path={}", self.path)?;
        if let Some(t) = self.expires {
            let t = t.to_datetime();
            write!(f, "; Expires=")?;
            write_imf_fixdate(f, t)?;
        }
        if self.secure {
            f.write_str("; Secure")?;
        }
        if self.http_only {
            f.write_str("; HttpOnly")?;
        }
        if let Some(s) = self.same_site.as_attribute() {
            write!(f, "; SameSite={s}")?;
        }
        if self.partitioned {
            f.write_str("; Partitioned")?;
        }
        Ok(())
    }
}

/// Writes an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110
/// §5.6.7), the form RFC 6265bis §4.1.1 recommends for `Expires`.
fn write_imf_fixdate(f: &mut fmt::Formatter<'_>, t: OffsetDateTime) -> fmt::Result {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let day = DAYS[usize::from(t.weekday().number_days_from_monday())];
    let month = MONTHS[usize::from(u8::from(t.month()) - 1)];
    write!(
        f,
        "{day}, {:02} {month} {:04} {:02}:{:02}:{:02} GMT",
        t.day(),
        t.year(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Builds a [`Cookie`] field by field (for tests, file loaders and
/// `CookieJar::set_cookie`).
#[derive(Debug, Clone)]
#[must_use]
pub struct CookieBuilder {
    cookie: Cookie,
}

impl CookieBuilder {
    /// Sets the domain. A leading dot is removed (and remembered as
    /// [`Cookie::domain_initial_dot`]), and makes the cookie a domain
    /// cookie (`host_only(false)`), as the dot means in Python's
    /// `http.cookiejar` and in cookie files; without one, the host-only
    /// flag is left as it is (default `true`). The domain is lower-cased,
    /// and a Unicode one (`bücher.example`) converted to its A-labels
    /// (`xn--bcher-kva.example`), as request hosts are.
    ///
    /// ```
    /// use cookiejar::Cookie;
    /// let c = Cookie::builder("a", "1").domain(".example.com").build();
    /// assert_eq!((c.domain(), c.host_only()), ("example.com", false));
    /// let c = Cookie::builder("a", "1").domain("example.com").build();
    /// assert_eq!((c.domain(), c.host_only()), ("example.com", true));
    /// ```
    pub fn domain(mut self, domain: impl AsRef<str>) -> Self {
        let d = domain.as_ref();
        let (dot, d) = match d.strip_prefix('.') {
            Some(rest) => (true, rest),
            None => (false, d),
        };
        self.cookie.domain = canonical_domain(d);
        self.cookie.legacy.domain_initial_dot = dot;
        if dot {
            self.cookie.host_only = false;
        }
        self
    }

    /// Sets the host-only flag (default `true`). Call it after
    /// [`domain`](Self::domain), whose leading dot sets it to `false`.
    pub fn host_only(mut self, host_only: bool) -> Self {
        self.cookie.host_only = host_only;
        self
    }

    /// Sets the path (default `/`).
    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.cookie.path = ShortStr::from(path.into());
        self
    }

    /// Records whether the path came from a `Path` attribute (a
    /// `__Host-` cookie needs one: RFC 6265bis §5.7 step 21).
    pub fn path_specified(mut self, specified: bool) -> Self {
        self.cookie.legacy.path_specified = specified;
        self
    }

    /// Sets the expiry (`None`: session cookie, the default).
    pub fn expires(self, expires: Option<OffsetDateTime>) -> Self {
        self.expires_instant(expires.map(UnixTime::from))
    }

    pub(crate) fn expires_instant(mut self, expires: Option<UnixTime>) -> Self {
        self.cookie.expires = expires;
        self
    }

    /// Sets the creation time (and the last-access time, if it was
    /// earlier).
    pub fn creation_time(self, t: OffsetDateTime) -> Self {
        self.creation_instant(UnixTime::from(t))
    }

    pub(crate) fn creation_instant(mut self, t: UnixTime) -> Self {
        self.cookie.creation = t;
        if self.cookie.last_access < t {
            self.cookie.last_access = t;
        }
        self
    }

    /// Sets the last-access time.
    pub fn last_access_time(self, t: OffsetDateTime) -> Self {
        self.last_access_instant(UnixTime::from(t))
    }

    pub(crate) fn last_access_instant(mut self, t: UnixTime) -> Self {
        self.cookie.last_access = t;
        self
    }

    /// Sets the secure-only flag.
    pub fn secure(mut self, secure: bool) -> Self {
        self.cookie.secure = secure;
        self
    }

    /// Sets the http-only flag.
    pub fn http_only(mut self, http_only: bool) -> Self {
        self.cookie.http_only = http_only;
        self
    }

    /// Sets the `SameSite` enforcement.
    pub fn same_site(mut self, same_site: SameSite) -> Self {
        self.cookie.same_site = same_site;
        self
    }

    /// Sets the `Partitioned` flag.
    pub fn partitioned(mut self, partitioned: bool) -> Self {
        self.cookie.partitioned = partitioned;
        self
    }

    /// Sets the version (`Some(1)` for RFC 2109 / RFC 2965 cookies).
    pub fn version(mut self, version: Option<u32>) -> Self {
        self.cookie.legacy.version = version;
        self
    }

    /// Sets the RFC 2965 port list (`Some("")` for a bare `Port`).
    pub fn port(mut self, port: Option<String>) -> Self {
        self.cookie.legacy.set_port(port);
        self
    }

    /// Records whether the port list came from a `Port=` value.
    pub fn port_specified(mut self, specified: bool) -> Self {
        self.cookie.legacy.port_specified = specified;
        self
    }

    /// Marks the cookie as having no value at all (sent as just its name).
    pub fn value_absent(mut self, absent: bool) -> Self {
        self.cookie.legacy.value_absent = absent;
        self
    }

    /// Sets the comment.
    pub fn comment(mut self, comment: Option<String>) -> Self {
        self.cookie.legacy.set_comment(comment);
        self
    }

    /// Sets the comment URL.
    pub fn comment_url(mut self, url: Option<String>) -> Self {
        self.cookie.legacy.set_comment_url(url);
        self
    }

    /// Sets the discard flag.
    pub fn discard(mut self, discard: bool) -> Self {
        self.cookie.legacy.discard = discard;
        self
    }

    /// Marks the cookie as an RFC 2109 cookie.
    pub fn rfc2109(mut self, rfc2109: bool) -> Self {
        self.cookie.legacy.rfc2109 = rfc2109;
        self
    }

    /// Adds a non-standard attribute.
    pub fn other_attribute(mut self, name: impl Into<String>, value: Option<String>) -> Self {
        self.cookie.legacy.push_rest(name.into(), value);
        self
    }

    /// Finishes the cookie.
    pub fn build(self) -> Cookie {
        self.cookie
    }
}

impl From<&Cookie> for cookie::Cookie<'static> {
    /// Converts to the `cookie` crate's type (for interop): domain (with
    /// a leading dot for a domain cookie), path, expiry, flags. Legacy
    /// fields have no place there and are dropped.
    fn from(c: &Cookie) -> Self {
        let mut b = cookie::Cookie::build((c.name().to_owned(), c.value().to_owned()))
            .path(c.path.to_string())
            .secure(c.secure)
            .http_only(c.http_only);
        if !c.host_only {
            b = b.domain(c.domain.to_string());
        }
        if let Some(t) = c.expires {
            b = b.expires(t.to_datetime());
        }
        b = match c.same_site {
            SameSite::Default => b,
            SameSite::None => b.same_site(cookie::SameSite::None),
            SameSite::Lax => b.same_site(cookie::SameSite::Lax),
            SameSite::Strict => b.same_site(cookie::SameSite::Strict),
        };
        if c.partitioned {
            b = b.partitioned(true);
        }
        b.build()
    }
}

impl Cookie {
    /// Converts a `cookie::Cookie` into a stored cookie as if it had been
    /// received in a response from `request_host` for a request whose
    /// default path is `default_path`: a missing domain makes a host-only
    /// cookie for `request_host`, a missing path takes `default_path`.
    /// No policy is applied: hand the cookie to
    /// [`CookieJar::set_cookie_if_ok`](crate::CookieJar::set_cookie_if_ok)
    /// with the request it came from for the policy's checks.
    pub fn from_cookie_crate(
        c: &cookie::Cookie<'_>,
        request_host: &str,
        default_path: &str,
        now: OffsetDateTime,
    ) -> Cookie {
        let mut b = Cookie::builder(c.name(), c.value())
            .creation_time(now)
            .secure(c.secure().unwrap_or(false))
            .http_only(c.http_only().unwrap_or(false))
            .partitioned(c.partitioned().unwrap_or(false))
            .same_site(match c.same_site() {
                None => SameSite::Default,
                Some(cookie::SameSite::None) => SameSite::None,
                Some(cookie::SameSite::Lax) => SameSite::Lax,
                Some(cookie::SameSite::Strict) => SameSite::Strict,
            });
        b = match c.domain() {
            Some(d) if !d.is_empty() => b.domain(d).host_only(false),
            _ => b.domain(request_host).host_only(true),
        };
        b = match c.path() {
            Some(p) if p.starts_with('/') => b.path(p).path_specified(true),
            _ => b.path(default_path),
        };
        let expires = match c.max_age() {
            Some(age) => Some(now.saturating_add(age)),
            None => c.expires_datetime(),
        };
        b.expires(expires).build()
    }
}

#[cfg(all(test, feature = "serde"))]
mod serde_tests {
    use super::*;

    /// A cookie serializes as its JSON cookie file record (plain name and
    /// value, RFC 3339 times, no internal layout), and reads back equal.
    #[test]
    fn serde_is_the_json_file_record() {
        let t = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
        let c = Cookie::builder("sid", "a=b")
            .domain("example.com")
            .expires(Some(t))
            .creation_time(OffsetDateTime::UNIX_EPOCH)
            .comment(Some("hi".into()))
            .build();
        let v = serde_json::to_value(&c).unwrap();
        assert_eq!(v["name"], "sid");
        assert_eq!(v["value"], "a=b");
        assert_eq!(v["expires"], "2027-01-15T08:00:00Z");
        assert_eq!(v["creation"], "1970-01-01T00:00:00Z");
        assert_eq!(v["comment"], "hi");
        assert_eq!(v["same_site"], "default");
        for internal in ["nv", "legacy", "extra"] {
            assert!(v.get(internal).is_none(), "{v}");
        }
        let back: Cookie = serde_json::from_value(v).unwrap();
        assert_eq!(back, c);
        // Absent keys take the file format's defaults.
        let short: Cookie =
            serde_json::from_str(r#"{"name": "a", "domain": "example.com"}"#).unwrap();
        assert_eq!((short.path(), short.host_only()), ("/", true));
        assert!(serde_json::from_str::<Cookie>(r#"{"name": "a"}"#).is_err());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parts(nv: &NameValue) -> (&str, &str, &str) {
        (nv.name(), nv.value(), nv.pair())
    }

    #[test]
    fn from_line_copies_a_name_value_run() {
        let line = "sid=abc; Path=/";
        let nv = NameValue::from_line(line, &line[..3], &line[4..7]);
        assert_eq!(parts(&nv), ("sid", "abc", "sid=abc"));
        // Spaces around `=`, a nameless cookie, and slices of another
        // string all take the joining path, with the same result.
        let line = "sid = abc";
        let nv = NameValue::from_line(line, &line[..3], &line[6..]);
        assert_eq!(parts(&nv), ("sid", "abc", "sid=abc"));
        let nv = NameValue::from_line("abc", "", "abc");
        assert_eq!(parts(&nv), ("", "abc", "abc"));
        let nv = NameValue::from_line("x=y", "sid", "abc");
        assert_eq!(parts(&nv), ("sid", "abc", "sid=abc"));
    }

    /// Pairs up to [`INLINE_PAIR`] bytes are kept inline, longer ones on
    /// the heap; both read back the same, compare and hash by content.
    #[test]
    fn pairs_inline_and_on_the_heap() {
        use std::hash::{BuildHasher, RandomState};
        let hasher = RandomState::new();
        for len in [0, 1, INLINE_PAIR - 1, INLINE_PAIR, INLINE_PAIR + 1, 300] {
            let value = "é".repeat(len / 2) + &"v".repeat(len % 2);
            for name in ["", "n", "ñame"] {
                let nv = NameValue::new(name, &value);
                let pair = if name.is_empty() {
                    value.clone()
                } else {
                    format!("{name}={value}")
                };
                assert_eq!(parts(&nv), (name, value.as_str(), pair.as_str()));
                assert_eq!(nv.name_bytes(), name.as_bytes());
                assert_eq!(
                    matches!(nv.0, PairRepr::Inline { .. }),
                    pair.len() <= INLINE_PAIR,
                    "{pair:?}"
                );
                let line = format!("{pair}; Path=/");
                let from_line = if name.is_empty() {
                    NameValue::from_line(&line, "", &line[..value.len()])
                } else {
                    NameValue::from_line(
                        &line,
                        &line[..name.len()],
                        &line[name.len() + 1..pair.len()],
                    )
                };
                assert_eq!(parts(&from_line), parts(&nv));
                assert!(from_line == nv);
                assert_eq!(hasher.hash_one(&from_line), hasher.hash_one(&nv));
            }
        }
        assert!(NameValue::new("a", "bc") != NameValue::new("a=b", "c"));
        assert!(NameValue::new("", "a=b") != NameValue::new("a", "b"));
    }

    proptest! {
        /// Whatever slices it gets (of the line or not), `from_line`
        /// stores what `new` stores, inline or not.
        #[test]
        fn from_line_is_new(
            line in "[a=; é]{0,70}",
            other in "[a=; ]{0,6}",
            cuts in proptest::collection::vec(0usize..80, 4),
            foreign in 0u8..3,
        ) {
            // Cut at character boundaries.
            let at = |i: usize| {
                let mut at = cuts[i].min(line.len());
                while !line.is_char_boundary(at) {
                    at -= 1;
                }
                at
            };
            let (a, b) = (at(0).min(at(1)), at(0).max(at(1)));
            let (c, d) = (at(2).min(at(3)), at(2).max(at(3)));
            let name = if foreign == 1 { other.as_str() } else { &line[a..b] };
            let value = if foreign == 2 { other.as_str() } else { &line[c..d] };
            let got = NameValue::from_line(&line, name, value);
            let want = NameValue::new(name, value);
            prop_assert_eq!(parts(&got), parts(&want));
            prop_assert!(got == want);
        }
    }
}
