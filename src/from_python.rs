#![doc = include_str!("../docs/from-python.md")]
// The guide's links name the crate's items as its root does.
#[allow(unused_imports)]
use crate::{
    format, Cookie, CookieFilter, CookieJar, DefaultCookiePolicy, DefaultCookiePolicyBuilder,
    DomainStrictness, Error, ErrorKind, FileCookieJar, FileCookieJarBuilder, Format, LoadOptions,
    Rejection, Request, Response, SaveOptions, SimpleRequest, SimpleResponse,
};
