//! The phone build's settings, read the way dx 0.7.10 reads them, so a missing key fails here
//! instead of on a phone: dx must generate the manifest and Info.plist itself (a replacement file
//! would lose the launcher activity, the native library's name and the bundle id), the merged
//! parts must let the app see the dialer and messages, the data must stay out of backups and
//! device transfers, SDK 35 needs 16 KB page alignment, and the phone features carry no server.

use std::path::Path;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|err| panic!("{path}: {err}"))
}

fn dioxus_toml() -> toml::Table {
    read("Dioxus.toml").parse().expect("Dioxus.toml parses")
}

fn table<'a>(root: &'a toml::Table, path: &[&str]) -> &'a toml::Table {
    let mut at = root;
    for key in path {
        at = at
            .get(*key)
            .and_then(toml::Value::as_table)
            .unwrap_or_else(|| panic!("Dioxus.toml has no [{}]", path.join(".")));
    }
    at
}

#[test]
fn dx_generates_the_manifest_and_plist_so_the_launcher_and_bundle_id_are_there() {
    let config = dioxus_toml();
    let application = table(&config, &["application"]);
    for replacing in [
        "android_manifest",
        "ios_info_plist",
        "android_main_activity",
    ] {
        assert!(
            !application.contains_key(replacing),
            "[application] {replacing} replaces dx's generated file whole (no launcher activity or bundle id)"
        );
    }
    let id = table(&config, &["bundle"])["identifier"]
        .as_str()
        .expect("bundle.identifier");
    assert_eq!(id, "org.steadyapp.steady");
    assert_eq!(
        table(&config, &["android"])["identifier"].as_str(),
        Some(id)
    );
    assert_eq!(table(&config, &["ios"])["identifier"].as_str(), Some(id));
    assert!(
        read("platforms/phone/src/ios.rs").contains(&format!("\"{id}.data-key-wrap\"")),
        "the Keychain entry is named after the bundle id"
    );
}

#[test]
fn android_targets_sdk_35_with_16_kb_pages_and_can_see_the_dialer_and_messages() {
    let config = dioxus_toml();
    let android = table(&config, &["android"]);
    assert_eq!(android["target_sdk"].as_integer(), Some(35));
    assert_eq!(android["compile_sdk"].as_integer(), Some(35));
    assert!(android["min_sdk"].as_integer().is_some_and(|v| v >= 26));
    let manifest = table(&config, &["android", "raw"])["manifest"]
        .as_str()
        .expect("[android.raw] manifest");
    let compact: String = manifest.split_whitespace().collect::<Vec<_>>().join(" ");
    for (action, scheme) in [
        ("android.intent.action.DIAL", "tel"),
        ("android.intent.action.SENDTO", "smsto"),
        ("android.intent.action.VIEW", "https"),
    ] {
        assert!(
            compact.contains(&format!(
                "<action android:name=\"{action}\" /> <data android:scheme=\"{scheme}\" />"
            )),
            "the manifest's <queries> lack {action} {scheme}:"
        );
    }
    assert!(compact.starts_with("<queries>") && compact.ends_with("</queries>"));
    let cargo_config: toml::Table = read(".cargo/config.toml").parse().expect("parses");
    let flags = cargo_config["target"]["aarch64-linux-android"]["rustflags"]
        .as_array()
        .expect("rustflags");
    assert!(
        flags
            .iter()
            .any(|f| f.as_str() == Some("link-arg=-Wl,-z,max-page-size=16384"))
    );
}

#[test]
fn ios_may_open_tel_and_sms_links() {
    let config = dioxus_toml();
    let plist = table(&config, &["ios", "plist"]);
    let schemes: Vec<&str> = plist["LSApplicationQueriesSchemes"]
        .as_array()
        .expect("LSApplicationQueriesSchemes")
        .iter()
        .filter_map(toml::Value::as_str)
        .collect();
    assert!(schemes.contains(&"tel") && schemes.contains(&"sms"));
}

#[test]
fn the_data_stays_out_of_backups_and_transfers_and_the_key_stays_on_the_device() {
    let android = read("platforms/phone/src/android.rs");
    assert!(
        android.contains("\"getNoBackupFilesDir\""),
        "Android keeps the data where backups and device transfer never reach"
    );
    assert!(android.contains("\"AndroidKeyStore\""));
    let ios = read("platforms/phone/src/ios.rs");
    assert!(ios.contains("NSURLIsExcludedFromBackupKey"));
    assert!(ios.contains("AccessibleWhenUnlockedThisDeviceOnly"));
}

#[test]
fn the_phone_features_carry_no_preview_and_no_server() {
    let cargo: toml::Table = read("Cargo.toml").parse().expect("Cargo.toml parses");
    let features = cargo["features"].as_table().expect("features");
    let mobile: Vec<&str> = features["mobile"]
        .as_array()
        .expect("mobile")
        .iter()
        .filter_map(toml::Value::as_str)
        .collect();
    assert!(
        mobile.iter().all(|f| f.starts_with("dioxus/")),
        "{mobile:?}"
    );
    assert!(
        read("src/lib.rs").contains(
            "#[cfg(all(feature = \"mobile\", any(feature = \"preview\", feature = \"sync-server\")))]"
        ),
        "a phone build with the default features stops with a plain error"
    );
}
