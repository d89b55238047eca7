//! A device or key code ("4F2A 9B1C ..."), as people compare it aloud: on screen in its groups,
//! and to a screen reader one character at a time with a pause between groups, so "4F2A" is never
//! read as a word or "1234" as "one thousand two hundred thirty-four".

use dioxus::prelude::*;

/// `code` as a screen reader should say it: each character on its own, groups apart.
pub fn spoken_code(code: &str) -> String {
    code.split_whitespace()
        .map(|group| {
            group
                .chars()
                .map(String::from)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
pub fn KeyCode(code: String) -> Element {
    let spoken = spoken_code(&code);
    rsx! {
        span { class: "key-code",
            code { aria_hidden: "true", "{code}" }
            span { class: "visually-hidden", "{spoken}" }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_read_one_character_at_a_time_with_a_pause_between_groups() {
        assert_eq!(spoken_code("4F2A 1234"), "4 F 2 A, 1 2 3 4");
        assert_eq!(spoken_code(""), "");
    }
}
