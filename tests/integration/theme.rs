//! Colour contrast of the design tokens, light and dark: every text-on-background pair the CSS uses
//! meets WCAG AA (4.5:1 for text, 3:1 for focus rings and borders of controls).

use std::collections::HashMap;

const TOKENS: &str = include_str!("../../assets/css/tokens.css");

/// The `--color-*` values of the block starting at `from`, on top of `base`.
fn colours(block: &str, base: &HashMap<String, String>) -> HashMap<String, String> {
    let mut map = base.clone();
    for line in block.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("--color-")
            && let Some((name, value)) = rest.split_once(':')
        {
            let value = value.trim().trim_end_matches(';').trim();
            if value.starts_with('#') {
                map.insert(name.to_string(), value.to_string());
            }
        }
    }
    map
}

fn luminance(hex: &str) -> f64 {
    let hex = hex.trim_start_matches('#');
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).expect("hex colour")) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[test]
fn text_and_controls_meet_wcag_aa_in_light_and_dark() {
    let (light_block, dark_block) = TOKENS
        .split_once("prefers-color-scheme: dark")
        .expect("a dark theme");
    let light = colours(light_block, &HashMap::new());
    let dark = colours(dark_block, &light);
    let text_pairs = [
        ("text", "bg"),
        ("text", "surface"),
        ("text", "accent-soft"),
        ("text-muted", "bg"),
        ("text-muted", "surface"),
        ("on-accent", "accent"),
        ("on-help", "help"),
        ("accent", "surface"),
        ("accent", "accent-soft"),
        ("error", "error-soft"),
        ("bg", "text"),
    ];
    let control_pairs = [
        ("focus", "bg"),
        ("focus", "surface"),
        ("border", "surface"),
        ("help", "bg"),
    ];
    for (theme, colours) in [("light", &light), ("dark", &dark)] {
        for (pairs, minimum) in [(&text_pairs[..], 4.5), (&control_pairs[..], 3.0)] {
            for (fg, bg) in pairs {
                let ratio = contrast(&colours[*fg], &colours[*bg]);
                assert!(
                    ratio >= minimum,
                    "{theme}: {fg} on {bg} is {ratio:.2}:1, below {minimum}:1"
                );
            }
        }
    }
}
