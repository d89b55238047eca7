//! Help in a real browser: trusted people with call and text links, and the safety plan, kept
//! across reloads; bad input gets a plain message and loses nothing.

use serde_json::json;

use crate::common::browser::Browser;
use crate::common::preview::PreviewServer;

#[tokio::test(flavor = "multi_thread")]
async fn a_trusted_person_can_be_added_fixed_edited_and_removed_with_undo() {
    let Some(browser) = Browser::start("trusted_people").await else {
        return;
    };
    let server = PreviewServer::start().await;
    browser.open(&server.device_url("ivy")).await;
    browser.click("#get-help").await;
    browser.type_into("#person-name", "Aunt Rosa").await;
    browser.type_into("#person-phone", "call her").await;
    browser.click("#save-person").await;
    browser
        .wait_for_text("#person-problem", "doesn't look like a phone number")
        .await;
    // What was typed is still there to fix.
    assert_eq!(
        browser
            .js(
                "return document.querySelector('#person-name').value;",
                vec![]
            )
            .await,
        json!("Aunt Rosa")
    );
    browser.clear_field("#person-phone").await;
    browser.type_into("#person-phone", "(555) 123-4567").await;
    browser.click("#save-person").await;
    browser.wait_for_text("#people-list", "Aunt Rosa").await;
    let hrefs = browser
        .js(
            "return [...document.querySelectorAll('#people-list a')].map(a => a.getAttribute('href'));",
            vec![],
        )
        .await;
    // Saved in the international form, so the call works from anywhere.
    assert_eq!(hrefs, json!(["tel:+15551234567", "sms:+15551234567"]));

    browser.client.refresh().await.expect("reload");
    browser.wait_for("#get-help").await;
    browser.click("#get-help").await;
    browser.wait_for_text("#people-list", "Aunt Rosa").await;
    browser.click("button[aria-label='Edit Aunt Rosa']").await;
    // The form fills in with Rosa's details before anything is typed.
    browser
        .wait_until(
            "the form shows Rosa's details",
            "return document.querySelector('#person-name').value === 'Aunt Rosa'
                && document.querySelector('#person-phone').value === '(555) 123-4567';",
            vec![],
        )
        .await;
    browser.clear_field("#person-name").await;
    browser.type_into("#person-name", "Rosa").await;
    browser.click("#save-person").await;
    browser.wait_for("li[data-person='Rosa']").await;
    assert_eq!(browser.count("#people-list li").await, 1);

    browser.click("button[aria-label='Remove Rosa']").await;
    browser.wait_gone("li[data-person='Rosa']").await;
    browser.click("#undo").await;
    browser.wait_for("li[data-person='Rosa']").await;
    browser.finish().await;
}

/// The card's newer lines: The Trevor Project for LGBTQ+ young people (988's press 3 ended in
/// July 2025), texting 911 for someone who can't talk, and what a family account shows.
#[tokio::test(flavor = "multi_thread")]
async fn the_crisis_card_has_the_trevor_project_and_texting_911_under_the_danger_line() {
    let Some(browser) = Browser::start("crisis_card_lines").await else {
        return;
    };
    let server = PreviewServer::start().await;
    browser.open(&server.device_url("ivy")).await;
    browser.click("#get-help").await;
    browser.wait_for("#crisis-card").await;
    // Right under "If you're in danger right now, call 911": a link that texts 911.
    let text_911 = ".danger-note + .text-911 a[href='sms:911']";
    browser
        .wait_for_text(text_911, "Can't talk? Text 911 where it works.")
        .await;
    // 988 is for someone you're worried about, too.
    browser
        .wait_for_text(
            "#crisis-card li[data-contact='988 Suicide & Crisis Lifeline']",
            "if you're worried about someone",
        )
        .await;
    let trevor = "#crisis-card li[data-contact='The Trevor Project']";
    browser
        .wait_for_text(trevor, "For LGBTQ+ young people")
        .await;
    let buttons = browser
        .js(
            "return [...document.querySelectorAll(arguments[0] + ' a')]
                 .map(a => [a.getAttribute('href'), a.textContent]);",
            vec![json!(trevor)],
        )
        .await;
    assert_eq!(
        buttons,
        json!([
            ["tel:+18664887386", "Call (866) 488-7386"],
            ["sms:678678?&body=START", "Text START to 678678"],
            ["https://www.thetrevorproject.org/get-help/", "Chat online"],
            ["https://www.thetrevorproject.org", "Website"]
        ])
    );
    // It is open any time, so it is among the lines open now.
    assert_eq!(
        browser
            .js(
                "return document.querySelector(arguments[0]).dataset.open;",
                vec![json!(trevor)]
            )
            .await,
        json!("true")
    );
    // Spanish-only ways in stay off the English card.
    assert_eq!(
        browser
            .count("#crisis-card a[href^='https://wa.me/']")
            .await,
        0
    );
    browser.click("#traces summary").await;
    browser
        .wait_for_text(
            "#traces",
            "on a family account, calls and messages can also show up",
        )
        .await;
    browser.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_safety_plan_section_can_be_filled_and_is_kept() {
    let Some(browser) = Browser::start("safety_plan").await else {
        return;
    };
    let server = PreviewServer::start().await;
    browser.open(&server.device_url("oli")).await;
    browser.tab("Help").await;
    browser.click("#open-plan").await;
    let sections = [
        "warning_signs",
        "things_i_can_do",
        "people_and_places",
        "people_to_ask",
        "professionals",
        "safer_space",
        "reasons",
    ];
    for section in sections {
        browser
            .type_into(
                &format!("#add-{section}"),
                &format!("my words for {section}\n"),
            )
            .await;
        browser
            .wait_for_text(
                &format!("section[data-section='{section}']"),
                &format!("my words for {section}"),
            )
            .await;
    }
    // A line far too long is refused, and stays in the field.
    let long = "a".repeat(10_000);
    browser
        .js(
            "const f = document.querySelector('#add-reasons'); f.value = arguments[0];
             f.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![json!(long)],
        )
        .await;
    browser
        .click("button[aria-label='Add to My reasons to keep going']")
        .await;
    browser
        .wait_for_text("#problem-reasons", "1,000 characters")
        .await;
    assert_eq!(
        browser
            .js(
                "return document.querySelector('#add-reasons').value.length;",
                vec![]
            )
            .await,
        json!(10_000)
    );

    browser.client.refresh().await.expect("reload");
    browser.wait_for("#get-help").await;
    browser.tab("Help").await;
    browser.click("#open-plan").await;
    for section in sections {
        browser
            .wait_for_text(
                &format!("section[data-section='{section}']"),
                &format!("my words for {section}"),
            )
            .await;
    }
    assert_eq!(browser.count(".plan-item").await, 7);

    // The plan as Stanley and Brown meant it: one step after another, made with someone, and
    // the lines open any time one tap from Helpers.
    browser
        .wait_for_text(
            "#plan-step-by-step",
            "If a step isn't helping, go on to the next one.",
        )
        .await;
    browser
        .wait_for_text("#plan-with-someone", "an adult you trust")
        .await;
    let professionals = "section[data-section='professionals']";
    browser
        .click(&format!("{professionals} button.add-helpline"))
        .await;
    browser
        .wait_until(
            "988 is in the plan, so only the Crisis Text Line is offered",
            "const s = document.querySelector(arguments[0]);
             const lines = [...s.querySelectorAll('.plan-item')].map(li => li.innerText).join(' ');
             return lines.includes('988 Lifeline: call or text 988')
                 && s.querySelectorAll('button.add-helpline').length === 1;",
            vec![json!(professionals)],
        )
        .await;
    browser
        .click(&format!("{professionals} button.add-helpline"))
        .await;
    browser
        .wait_until(
            "both lines are in the plan and nothing more is offered",
            "const s = document.querySelector(arguments[0]);
             const lines = [...s.querySelectorAll('.plan-item')].map(li => li.innerText).join(' ');
             return lines.includes('Crisis Text Line: text HOME to 741741')
                 && s.querySelectorAll('button.add-helpline').length === 0;",
            vec![json!(professionals)],
        )
        .await;
    assert_eq!(browser.count(".plan-item").await, 9);
    browser.click("#back-to-help").await;
    browser.wait_for("#crisis-card").await;
    browser.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_plans_people_come_from_my_people_with_call_buttons_and_lead_right_now() {
    let Some(browser) = Browser::start("plan_people").await else {
        return;
    };
    let server = PreviewServer::start().await;
    let device = server.devices.get("ivy").unwrap().unwrap();
    device
        .save_person(None, "Coach Lee", "555 010 2000")
        .unwrap();
    device
        .save_person(None, "Aunt Rosa", "(555) 123-4567")
        .unwrap();
    browser.open(&server.device_url("ivy")).await;
    browser.tab("Help").await;
    browser.click("#open-plan").await;
    let people = "section[data-section='people_to_ask']";
    // One tap adds Rosa from My people; her line gets her Call and Text buttons.
    browser
        .click(&format!(
            "{people} button.add-person[data-person='Aunt Rosa']"
        ))
        .await;
    browser
        .wait_for(&format!("{people} .plan-item a[href='tel:+15551234567']"))
        .await;
    browser
        .wait_for(&format!("{people} .plan-item a[href='sms:+15551234567']"))
        .await;
    browser
        .wait_gone(&format!(
            "{people} button.add-person[data-person='Aunt Rosa']"
        ))
        .await;
    // A line typed by hand that names nobody in My people stays just words.
    browser
        .type_into("#add-people_to_ask", "My friend from art club\n")
        .await;
    browser
        .wait_for_text(people, "My friend from art club")
        .await;
    assert_eq!(
        browser.count(&format!("{people} .plan-item a")).await,
        2,
        "only Rosa's line can call"
    );

    // Back on Help, the person the plan names comes first in "Right now".
    browser.click("#back-to-help").await;
    browser.wait_for("#right-now").await;
    let first = browser
        .js(
            "return document.querySelector('#right-now .quick-person .person-name').textContent;",
            vec![],
        )
        .await;
    assert_eq!(first, json!("Aunt Rosa"));
    browser.finish().await;
}
