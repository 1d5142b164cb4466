#![doc = include_str!("../docs/from-cookie-store.md")]
// The guide's links name the crate's items as its root does.
#[allow(unused_imports)]
use crate::{
    format, Cookie, CookieEvent, CookieFilter, CookieJar, CookieJarBuilder, CookieKey,
    DefaultCookiePolicy, FileCookieJar, FileCookieJarBuilder, Format, LoadOptions, Rejection,
    Retain, SaveOptions,
};
