//! A local HTTP/1.1 server for the client integration tests (reqwest's
//! store, the tower layer): one request per connection, each recorded.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::thread;

/// What the server saw of one request: its path and its `Cookie` header.
pub type Seen = Arc<Mutex<Vec<(String, Option<String>)>>>;

/// A server on 127.0.0.1 that answers `requests` requests, one per
/// connection: `/login` sets two cookies and redirects to `/home`;
/// `/away` redirects to the same server under the name `localhost` (a
/// different host); anything else answers 200. It records each request's
/// path and `Cookie` header.
pub fn serve(requests: usize) -> (u16, Seen, thread::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen: Seen = Arc::default();
    let log = Arc::clone(&seen);
    let server = thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let mut stream = stream.unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let path = line.split(' ').nth(1).unwrap_or("").to_owned();
            let mut cookie = None;
            loop {
                let mut header = String::new();
                reader.read_line(&mut header).unwrap();
                let header = header.trim_end();
                if header.is_empty() {
                    break;
                }
                if let Some((name, value)) = header.split_once(':') {
                    if name.eq_ignore_ascii_case("cookie") {
                        cookie = Some(value.trim().to_owned());
                    }
                }
            }
            log.lock().unwrap().push((path.clone(), cookie));
            let response = match path.as_str() {
                "/login" => "HTTP/1.1 302 Found\r\nLocation: /home\r\n\
                     Set-Cookie: sid=s3cr3t; Path=/; HttpOnly\r\n\
                     Set-Cookie: lang=caf\u{e9}; Max-Age=3600\r\n"
                    .to_owned(),
                "/away" => {
                    format!("HTTP/1.1 302 Found\r\nLocation: http://localhost:{port}/other\r\n")
                }
                _ => "HTTP/1.1 200 OK\r\n".to_owned(),
            };
            let response = format!("{response}Content-Length: 0\r\nConnection: close\r\n\r\n");
            stream.write_all(response.as_bytes()).unwrap();
        }
    });
    (port, seen, server)
}

/// Asserts what the server saw of a client that followed `/login` (its
/// redirect to `/home`) and then `/away` (its redirect to `localhost`),
/// storing and sending cookies as a browser does: the login's cookies on
/// the next hop and later requests, UTF-8 beyond ASCII included, none to
/// the other host.
pub fn assert_login_then_away(seen: &Seen) {
    let seen = seen.lock().unwrap().clone();
    let cookies = Some("sid=s3cr3t; lang=caf\u{e9}".to_owned());
    assert_eq!(
        seen,
        [
            ("/login".to_owned(), None),
            ("/home".to_owned(), cookies.clone()),
            ("/away".to_owned(), cookies),
            // Host-only cookies of 127.0.0.1 do not go to localhost.
            ("/other".to_owned(), None),
        ]
    );
}
