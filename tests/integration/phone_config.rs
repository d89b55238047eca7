//! The phone build's settings, read the way dx 0.7.10 reads them, so a missing key fails here
//! instead of on a phone or in a store upload. On Android dx uses our whole manifest
//! (platforms/android/AndroidManifest.xml) instead of its own, so this parses that file and checks
//! everything dx's template would have put there (the launcher activity, the native library's name,
//! INTERNET, the `<queries>`) plus the configChanges that keep a settings change from closing the
//! app. It also checks one minimum Android SDK everywhere, that the store version numbers come from
//! the crate version, that iOS keeps its generated Info.plist (bundle id) and may open tel:/sms:,
//! that the data stays out of backups, that SDK 35 gets 16 KB pages, and that the phone features
//! carry no server.

use std::path::Path;

/// The manifest dx 0.7.10 uses instead of generating one ([application] android_manifest).
const MANIFEST: &str = "platforms/android/AndroidManifest.xml";

/// Every `android:configChanges` value that compileSdk 35's android.jar defines, with the API
/// level that added it (developer.android.com, the `<activity>` element). aapt2 turns the names into
/// a bitmask with compileSdk's android.jar, so values newer than minSdk compile and older phones
/// ignore bits they do not know; a name that is not here (a typo, or `fontWeightAdjust`) fails the
/// build. The activity must declare all of them: dioxus-desktop ends the app when Android
/// recreates the activity for a change it does not handle.
const CONFIG_CHANGES_SDK_35: [(&str, u32); 18] = [
    ("mcc", 1),
    ("mnc", 1),
    ("locale", 1),
    ("touchscreen", 1),
    ("keyboard", 1),
    ("keyboardHidden", 1),
    ("navigation", 1),
    ("orientation", 1),
    ("fontScale", 1),
    ("screenLayout", 3),
    ("uiMode", 8),
    ("screenSize", 13),
    ("smallestScreenSize", 13),
    ("layoutDirection", 17),
    ("density", 24),
    ("colorMode", 26),
    ("fontWeightAdjustment", 31),
    ("grammaticalGender", 34),
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|err| panic!("{path}: {err}"))
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

/// One element of an XML file: its tag, its attributes as written, and its parent's index.
struct Element {
    tag: String,
    attrs: Vec<(String, String)>,
    parent: Option<usize>,
}

impl Element {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// The elements of a small, plain XML file (no DTD, no CDATA), in document order, or what is
/// malformed (an unclosed or mismatched tag, an unquoted or repeated attribute, two roots), so a
/// broken edit fails here rather than in aapt2 on the release machine.
fn elements(xml: &str) -> Result<Vec<Element>, String> {
    let mut out: Vec<Element> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut roots = 0;
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        if open.is_empty() && !rest[..start].trim().is_empty() {
            return Err(format!("text outside the root: {:?}", &rest[..start]));
        }
        rest = &rest[start..];
        if let Some(body) = rest.strip_prefix("<!--") {
            let end = body.find("-->").ok_or("an unclosed comment")?;
            if body[..end].contains("--") {
                return Err("\"--\" inside a comment".into());
            }
            rest = &body[end + 3..];
            continue;
        }
        if let Some(body) = rest.strip_prefix("<?") {
            let end = body.find("?>").ok_or("an unclosed declaration")?;
            rest = &body[end + 2..];
            continue;
        }
        let end = rest.find('>').ok_or("an unclosed tag")?;
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let index = open.pop().ok_or(format!("</{name}> closes nothing"))?;
            if out[index].tag != name.trim() {
                return Err(format!("<{}> closed by </{name}>", out[index].tag));
            }
            continue;
        }
        let (tag, self_closing) = match tag.strip_suffix('/') {
            Some(tag) => (tag, true),
            None => (tag, false),
        };
        let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
        let mut attrs: Vec<(String, String)> = Vec::new();
        let mut text = tag[name_end..].trim_start();
        while !text.is_empty() {
            let (key, after) = text
                .split_once('=')
                .ok_or(format!("an attribute without a value in <{tag}>"))?;
            let after = after
                .trim_start()
                .strip_prefix('"')
                .ok_or(format!("an unquoted attribute in <{tag}>"))?;
            let (value, after) = after
                .split_once('"')
                .ok_or(format!("an unterminated attribute in <{tag}>"))?;
            let key = key.trim().to_string();
            if attrs.iter().any(|(k, _)| *k == key) {
                return Err(format!("{key} twice in <{tag}>"));
            }
            attrs.push((key, value.to_string()));
            text = after.trim_start();
        }
        if open.is_empty() {
            roots += 1;
        }
        out.push(Element {
            tag: tag[..name_end].to_string(),
            attrs,
            parent: open.last().copied(),
        });
        if !self_closing {
            open.push(out.len() - 1);
        }
    }
    if !rest.trim().is_empty() {
        return Err("text after the root".into());
    }
    if let Some(index) = open.last() {
        return Err(format!("<{}> is never closed", out[*index].tag));
    }
    if roots != 1 {
        return Err(format!("{roots} root elements"));
    }
    Ok(out)
}

/// The elements at this path of tags from the root, e.g. `["manifest", "application"]`.
fn at<'a>(all: &'a [Element], path: &[&str]) -> Vec<(usize, &'a Element)> {
    all.iter()
        .enumerate()
        .filter(|(index, _)| {
            let mut tags = Vec::new();
            let mut step = Some(*index);
            while let Some(i) = step {
                tags.push(all[i].tag.as_str());
                step = all[i].parent;
            }
            tags.reverse();
            tags == path
        })
        .collect()
}

fn the_one<'a>(all: &'a [Element], path: &[&str]) -> (usize, &'a Element) {
    let found = at(all, path);
    assert_eq!(found.len(), 1, "{MANIFEST}: one <{}>", path.join(">"));
    found[0]
}

fn children<'a>(all: &'a [Element], parent: usize, tag: &str) -> Vec<(usize, &'a Element)> {
    all.iter()
        .enumerate()
        .filter(|(_, e)| e.parent == Some(parent) && e.tag == tag)
        .collect()
}

fn manifest() -> Vec<Element> {
    elements(&read(MANIFEST)).unwrap_or_else(|err| panic!("{MANIFEST}: {err}"))
}

fn main_activity(all: &[Element]) -> (usize, &Element) {
    the_one(all, &["manifest", "application", "activity"])
}

#[test]
fn dx_uses_our_whole_android_manifest_and_generates_the_plist() {
    let config = dioxus_toml();
    let application = table(&config, &["application"]);
    assert_eq!(
        application
            .get("android_manifest")
            .and_then(toml::Value::as_str),
        Some(MANIFEST),
        "dx's generated manifest lacks the configChanges; Steady ships its own"
    );
    for replacing in ["ios_info_plist", "android_main_activity"] {
        assert!(
            !application.contains_key(replacing),
            "[application] {replacing} replaces dx's generated file whole (no bundle id)"
        );
    }
    let id = table(&config, &["bundle"])["identifier"]
        .as_str()
        .expect("bundle.identifier");
    assert_eq!(id, "org.steadyapp.steady");
    // The Gradle file dx writes takes namespace and applicationId from here, not the manifest.
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
fn the_manifest_has_what_dx_would_have_generated() {
    let all = manifest();
    let (_, root) = the_one(&all, &["manifest"]);
    assert_eq!(
        root.attr("xmlns:android"),
        Some("http://schemas.android.com/apk/res/android")
    );
    for set_by_gradle in ["package", "android:versionCode", "android:versionName"] {
        assert!(
            root.attr(set_by_gradle).is_none(),
            "{set_by_gradle}: the Gradle file dx writes sets it (a manifest value is refused or overridden)"
        );
    }
    assert!(
        at(&all, &["manifest", "uses-sdk"]).is_empty(),
        "minSdk and targetSdk come from Dioxus.toml through Gradle"
    );
    // Exactly what the app uses, both normal permissions granted at install: sync needs INTERNET,
    // the pacer's opt-in buzz VIBRATE. Never contacts, location, the microphone or storage.
    let mut asked: Vec<&str> = at(&all, &["manifest", "uses-permission"])
        .iter()
        .filter_map(|(_, p)| p.attr("android:name"))
        .collect();
    asked.sort_unstable();
    assert_eq!(
        asked,
        ["android.permission.INTERNET", "android.permission.VIBRATE"],
        "the manifest asks for exactly what the app uses"
    );

    // dx 0.7.10 still writes these resources and expects the template's application attributes.
    let (_, application) = the_one(&all, &["manifest", "application"]);
    for (name, value) in [
        ("android:hasCode", "true"),
        ("android:icon", "@mipmap/ic_launcher"),
        ("android:label", "@string/app_name"),
        ("android:theme", "@style/AppTheme"),
        ("android:supportsRtl", "true"),
        ("android:extractNativeLibs", "true"),
        ("android:allowNativeHeapPointerTagging", "false"),
        (
            "android:networkSecurityConfig",
            "@xml/network_security_config",
        ),
        ("android:allowBackup", "false"),
    ] {
        assert_eq!(application.attr(name), Some(value), "<application {name}>");
    }

    // The launcher activity is the class dx writes, loading the library dx builds.
    let (activity_index, activity) = main_activity(&all);
    assert_eq!(
        activity.attr("android:name"),
        Some("dev.dioxus.main.MainActivity")
    );
    assert_eq!(activity.attr("android:exported"), Some("true"));
    let config = dioxus_toml();
    let lib_name = table(&config, &["android"])
        .get("lib_name")
        .and_then(toml::Value::as_str)
        .unwrap_or("main");
    let meta: Vec<(Option<&str>, Option<&str>)> = children(&all, activity_index, "meta-data")
        .iter()
        .map(|(_, m)| (m.attr("android:name"), m.attr("android:value")))
        .collect();
    assert!(meta.contains(&(Some("android.app.lib_name"), Some(lib_name))));
    assert!(meta.contains(&(
        Some("android.app.func_name"),
        Some("ANativeActivity_onCreate")
    )));
    let launcher = children(&all, activity_index, "intent-filter")
        .iter()
        .any(|(filter, _)| {
            let has = |tag: &str, name: &str| {
                children(&all, *filter, tag)
                    .iter()
                    .any(|(_, e)| e.attr("android:name") == Some(name))
            };
            has("action", "android.intent.action.MAIN")
                && has("category", "android.intent.category.LAUNCHER")
        });
    assert!(launcher, "the activity is the home screen's launcher");

    // Android 11+ only lets the app see the dialer, messages and browser it declares.
    let (queries, _) = the_one(&all, &["manifest", "queries"]);
    let intents: Vec<(Option<&str>, Option<&str>)> = at(&all, &["manifest", "queries", "intent"])
        .iter()
        .filter(|(_, intent)| intent.parent == Some(queries))
        .map(|(index, _)| {
            let action = children(&all, *index, "action")
                .first()
                .and_then(|(_, a)| a.attr("android:name"));
            let scheme = children(&all, *index, "data")
                .first()
                .and_then(|(_, d)| d.attr("android:scheme"));
            (action, scheme)
        })
        .collect();
    for (action, scheme) in [
        ("android.intent.action.DIAL", "tel"),
        ("android.intent.action.SENDTO", "smsto"),
        ("android.intent.action.VIEW", "https"),
    ] {
        assert!(
            intents.contains(&(Some(action), Some(scheme))),
            "the manifest's <queries> lack {action} {scheme}:"
        );
    }
}

#[test]
fn no_configuration_change_recreates_the_activity() {
    let config = dioxus_toml();
    assert_eq!(
        table(&config, &["android"])["compile_sdk"].as_integer(),
        Some(35),
        "a new compileSdk may define new configChanges values: update CONFIG_CHANGES_SDK_35"
    );
    let all = manifest();
    let (_, activity) = main_activity(&all);
    let declared: Vec<&str> = activity
        .attr("android:configChanges")
        .expect("the activity declares configChanges")
        .split('|')
        .map(str::trim)
        .collect();
    for value in &declared {
        assert!(
            CONFIG_CHANGES_SDK_35
                .iter()
                .any(|(known, _)| known == value),
            "configChanges value {value:?} is not one compileSdk 35 defines: aapt2 would refuse it"
        );
        assert_eq!(
            declared.iter().filter(|v| *v == value).count(),
            1,
            "{value} twice"
        );
    }
    for (needed, api) in CONFIG_CHANGES_SDK_35 {
        assert!(
            declared.contains(&needed),
            "configChanges lacks {needed} (API {api}): that change would recreate the activity and close the app"
        );
    }
}

#[test]
fn nothing_in_dioxus_toml_is_silently_dropped_by_the_replacement_manifest() {
    // dx 0.7.10 renders these only into its own manifest template, which Steady replaces, or
    // parses them and never uses them ([android.signing], [android.queries], [android] manifest).
    let config = dioxus_toml();
    for section in ["permissions", "deep_links", "background"] {
        assert!(
            !config.contains_key(section),
            "[{section}] would reach iOS but not {MANIFEST}: write it there too, then relax this"
        );
    }
    let android = table(&config, &["android"]);
    for key in [
        "raw",
        "application",
        "features",
        "permissions",
        "url_schemes",
        "intent_filters",
        "foreground_service_types",
        "queries",
        "manifest",
        "signing",
    ] {
        assert!(
            !android.contains_key(key),
            "[android] {key} has no effect with {MANIFEST} (or at all in dx 0.7.10): put it in the manifest"
        );
    }
}

#[test]
fn one_minimum_android_sdk_everywhere() {
    let config = dioxus_toml();
    // What dx builds and links the native library for (its default is 28).
    let library = table(&config, &["application"])
        .get("android_min_sdk_version")
        .and_then(toml::Value::as_integer)
        .expect("[application] android_min_sdk_version, or dx builds the library for API 28");
    // What Gradle writes into the manifest as minSdk.
    let manifest = table(&config, &["android"])["min_sdk"]
        .as_integer()
        .expect("[android] min_sdk");
    // What the SDK-less check compiles the C code for.
    let check = read("platforms/android/check.sh");
    let check_api: Vec<i64> = check
        .lines()
        .filter_map(|line| line.trim().strip_prefix("API="))
        .map(|v| v.parse().expect("check.sh's API is a number"))
        .collect();
    assert_eq!(check_api.len(), 1, "check.sh sets API= once");
    assert_eq!(
        (library, manifest, check_api[0]),
        (26, 26, 26),
        "android_min_sdk_version, [android] min_sdk and check.sh's API must agree"
    );
}

#[test]
fn store_version_numbers_come_from_the_crate_version() {
    let cargo: toml::Table = read("Cargo.toml").parse().expect("Cargo.toml parses");
    let version = cargo["package"]["version"]
        .as_str()
        .expect("package.version");
    let parts: Vec<u32> = version
        .split('.')
        .map(|p| {
            assert!(
                !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()),
                "{version}: the stores need plain MAJOR.MINOR.PATCH numbers, no suffix"
            );
            p.parse().expect("a number")
        })
        .collect();
    let [major, minor, patch] = parts[..] else {
        panic!("{version}: MAJOR.MINOR.PATCH")
    };
    assert!(
        minor < 100 && patch < 100,
        "{version}: versionCode = MAJOR*10000 + MINOR*100 + PATCH needs MINOR and PATCH below 100"
    );
    let version_code = major * 10000 + minor * 100 + patch;
    assert!(
        version_code > 1,
        "Play already has versionCode 1 (dx's fixed value)"
    );

    // The release script derives the same numbers when it builds the bundle.
    let printed = std::process::Command::new("bash")
        .arg("platforms/android/release.sh")
        .arg("--print-version")
        .current_dir(root())
        .output()
        .expect("bash runs platforms/android/release.sh");
    assert!(
        printed.status.success(),
        "{}",
        String::from_utf8_lossy(&printed.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&printed.stdout).trim(),
        format!("versionCode={version_code} versionName={version}")
    );
    let script = read("platforms/android/release.sh");
    assert!(script.contains("versionCode = MAJOR * 10000 + MINOR * 100 + PATCH"));
    assert!(
        script.contains("dx bundle --platform android --release --no-default-features"),
        "the script builds the release variant without the preview feature"
    );

    // Nothing else may claim a version: Gradle would override the manifest's, and dx already
    // writes the crate version into both iOS keys (a second key would be a duplicate).
    let root = &manifest()[0];
    assert!(root.attr("android:versionCode").is_none());
    let config = dioxus_toml();
    let plist = table(&config, &["ios", "plist"]);
    for key in ["CFBundleVersion", "CFBundleShortVersionString"] {
        assert!(
            !plist.contains_key(key),
            "[ios.plist] {key}: dx writes it from Cargo.toml"
        );
    }
    assert!(
        !read("Dioxus.toml").contains("[ios.raw]"),
        "raw Info.plist XML could duplicate the version keys"
    );
}

#[test]
fn the_upload_key_passwords_stay_out_of_git_and_out_of_the_build_folder() {
    let config = dioxus_toml();
    assert!(
        !table(&config, &["bundle"]).contains_key("android"),
        "[bundle.android] holds the upload key's passwords: append it on the release machine only"
    );
    let script = read("platforms/android/release.sh");
    assert!(
        script.contains("grep -q '^\\[bundle\\.android\\]' Dioxus.toml"),
        "without [bundle.android] dx 0.7.10 builds an unsigned bundle: the script refuses"
    );
    assert!(
        script.contains("trap scrub_passwords EXIT"),
        "dx writes the passwords into the generated Gradle file: the script blanks them"
    );
}

#[test]
fn android_targets_sdk_35_with_16_kb_pages() {
    let config = dioxus_toml();
    let android = table(&config, &["android"]);
    assert_eq!(android["target_sdk"].as_integer(), Some(35));
    assert_eq!(android["compile_sdk"].as_integer(), Some(35));
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
fn ios_may_ask_whether_an_app_takes_tel_sms_and_mailto_links() {
    let config = dioxus_toml();
    let plist = table(&config, &["ios", "plist"]);
    let schemes: Vec<&str> = plist["LSApplicationQueriesSchemes"]
        .as_array()
        .expect("LSApplicationQueriesSchemes")
        .iter()
        .filter_map(toml::Value::as_str)
        .collect();
    for scheme in ["tel", "sms", "mailto"] {
        assert!(
            schemes.contains(&scheme),
            "{scheme}: canOpenURL says no for an unlisted scheme, and the app would tell the \
             person their phone can't open it"
        );
    }
    let ios = read("platforms/phone/src/ios.rs");
    assert!(ios.contains("canOpenURL"), "the app asks before it opens");
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
        read("src/lib.rs").contains("#[cfg(all(feature = \"mobile\", feature = \"preview\"))]"),
        "a phone build with the default features stops with a plain error"
    );
}

#[test]
fn the_manifest_reader_refuses_broken_xml() {
    for broken in [
        "<a><b></a>",
        "<a>",
        "<a x=1/>",
        "<a/><b/>",
        "<a><!-- open </a>",
        "<a x=\"1\" x=\"2\"/>",
        "text<a/>",
        "<a><!-- a -- b --></a>",
    ] {
        assert!(elements(broken).is_err(), "{broken} passed");
    }
    let all = elements("<?xml version=\"1.0\"?><a k=\"v\"><!-- c --><b/><b></b></a>")
        .expect("well formed");
    assert_eq!(at(&all, &["a", "b"]).len(), 2);
    assert_eq!(all[0].attr("k"), Some("v"));
}
