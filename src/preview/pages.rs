//! The few plain HTML pages the preview serves around the liveview app.

/// Escapes text for HTML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn page(title: &str, body: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="color-scheme" content="light dark">
<title>{title}</title>
</head>
<body>
{body}
</body>
</html>"#,
        title = escape(title)
    )
}

/// The page that hosts one device's app.
pub fn device(name: &str) -> String {
    let glue = dioxus_liveview::interpreter_glue(&format!("/d/{name}/ws"));
    page("Steady", &format!(r#"<div id="main"></div>{glue}"#))
}

/// The demo's front page: where each simulated device lives.
pub fn landing() -> String {
    page(
        "Steady demo",
        r#"<main style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; line-height: 1.5">
<h1>Steady demo</h1>
<p>Each link is a separate simulated phone with its own encrypted data.</p>
<ul><li><a href="/d/mentee">Mentee app (Alex)</a></li><li><a href="/d/mentor">Mentor app (Sam)</a></li></ul>
</main>"#,
    )
}

pub fn not_found() -> String {
    page(
        "Not found",
        "<main><h1>Nothing here</h1><p>Device names are short lower-case words, like /d/mentee.</p></main>",
    )
}

pub fn problem(message: &str) -> String {
    page(
        "Steady can't open",
        &format!(
            "<main><h1>Steady can't open this device</h1><p>{}</p></main>",
            escape(message)
        ),
    )
}
