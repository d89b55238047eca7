//! The staff console as a browser uses it, over real HTTP: the sign-in page's form token and
//! cookie, a signed-in session, forms as a browser sends them.

use reqwest::redirect::Policy;
use reqwest::{Client, StatusCode};

use super::sync_server::SyncServer;

pub const PASSWORD: &str = "a long staff password";

pub struct Console {
    pub http: Client,
    pub base: String,
}

pub struct SignedIn {
    pub cookie: String,
    pub csrf: String,
}

/// A form body as a browser sends it (application/x-www-form-urlencoded).
pub fn form(fields: &[(&str, &str)]) -> String {
    let encode = |text: &str| {
        text.bytes()
            .map(|b| match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                b' ' => "+".into(),
                other => format!("%{other:02X}"),
            })
            .collect::<String>()
    };
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

pub fn hidden_csrf(html: &str) -> String {
    let at = html.find("name=\"csrf\"").expect("a csrf field");
    let value = &html[at..];
    let start = value.find("value=\"").expect("a value") + 7;
    value[start..start + value[start..].find('"').unwrap()].to_owned()
}

pub fn cookie_value(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(str::to_owned)
}

impl Console {
    pub fn new(server: &SyncServer) -> Console {
        // reqwest is built with rustls and no provider of its own: ring is the one provider.
        let _ = rustls::crypto::ring::default_provider().install_default();
        Console {
            http: Client::builder().redirect(Policy::none()).build().unwrap(),
            base: server.base.clone(),
        }
    }

    /// Opens the sign-in page: its form's token and the matching cookie.
    pub async fn sign_in_form(&self) -> (String, String) {
        let page = self
            .http
            .get(format!("{}/staff/sign-in", self.base))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), StatusCode::OK);
        let cookie = cookie_value(&page, "steady_sign_in").expect("sign-in cookie");
        let cookie = cookie.split(';').next().unwrap().to_owned();
        (hidden_csrf(&page.text().await.unwrap()), cookie)
    }

    pub async fn try_sign_in(&self, name: &str, password: &str) -> reqwest::Response {
        self.try_sign_in_holding(name, password, None).await
    }

    /// A sign-in from a browser that also holds `cookie` (`name=value`), such as the mark a
    /// browser keeps after signing in before.
    pub async fn try_sign_in_holding(
        &self,
        name: &str,
        password: &str,
        cookie: Option<&str>,
    ) -> reqwest::Response {
        let (csrf, sign_in_cookie) = self.sign_in_form().await;
        let cookies = match cookie {
            Some(extra) => format!("{sign_in_cookie}; {extra}"),
            None => sign_in_cookie,
        };
        self.http
            .post(format!("{}/staff/sign-in", self.base))
            .header("cookie", cookies)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form(&[
                ("csrf", csrf.as_str()),
                ("name", name),
                ("password", password),
            ]))
            .send()
            .await
            .unwrap()
    }

    pub async fn sign_in(&self, name: &str) -> SignedIn {
        let response = self.try_sign_in(name, PASSWORD).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let set = cookie_value(&response, "steady_staff").expect("session cookie");
        for attribute in [
            "HttpOnly",
            "SameSite=Strict",
            "Path=/staff",
            "Max-Age=28800",
        ] {
            assert!(set.contains(attribute), "{set}");
        }
        assert!(!set.contains("Secure"), "not behind TLS here");
        let cookie = set.split(';').next().unwrap().to_owned();
        let home = self.get("/staff", &cookie).await;
        assert_eq!(home.0, StatusCode::OK);
        SignedIn {
            csrf: hidden_csrf(&home.1),
            cookie,
        }
    }

    /// The fingerprint the directory page's Publish form carries of what it showed (a browser
    /// sends it back with Publish).
    pub async fn shown_for_publish(&self, cookie: &str) -> String {
        let (_, page) = self.get("/staff/directory", cookie).await;
        let at = page.find("name=\"shown\"").expect("the Publish form");
        let rest = &page[at..];
        let value = rest.find("value=\"").unwrap() + 7;
        rest[value..value + rest[value..].find('"').unwrap()].to_owned()
    }

    pub async fn get(&self, path: &str, cookie: &str) -> (StatusCode, String) {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .header("cookie", cookie)
            .send()
            .await
            .unwrap();
        (response.status(), response.text().await.unwrap())
    }

    pub async fn sign_out(&self, cookie: &str, csrf: &str) -> StatusCode {
        self.http
            .post(format!("{}/staff/sign-out", self.base))
            .header("cookie", cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form(&[("csrf", csrf)]))
            .send()
            .await
            .unwrap()
            .status()
    }
}
