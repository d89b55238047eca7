#!/usr/bin/env bash
# Builds the signed App Bundle (.aab) for Google Play with a versionCode and versionName that come
# from Cargo.toml's version, so each release can be uploaded (Play refuses a versionCode it has
# seen before).
#
# Why a script: dx 0.7.10 writes `versionCode = 1` into the Gradle file it generates
# (assets/android/gen/app/build.gradle.kts.hbs) and has no setting for it; versionName is already
# the crate version. A versionCode in AndroidManifest.xml would not help: Gradle's defaultConfig
# overrides it. So this runs `dx bundle` (which generates the Gradle project and builds once),
# rewrites that one line in the generated app/build.gradle.kts, runs Gradle's bundleRelease again
# and checks the merged manifest.
#
# The mapping (tests/integration/phone_config.rs computes it too and compares with
# `--print-version`): versionCode = MAJOR * 10000 + MINOR * 100 + PATCH, with MINOR and PATCH
# below 100 and no pre-release or build suffix, e.g. 0.1.0 -> 100, 1.2.3 -> 10203. iOS needs no
# step: dx writes the crate version into CFBundleShortVersionString and CFBundleVersion. One
# crate version, one upload to each store.
#
# Needs: dioxus-cli 0.7.10, Android SDK 35 and NDK r28+ (ANDROID_HOME, NDK_HOME), JDK 17
# (JAVA_HOME), and the signing section described in README.md ("Release signing").
# Usage: platforms/android/release.sh [extra dx bundle args]
#        platforms/android/release.sh --print-version   (prints versionCode and versionName only)
set -euo pipefail
cd "$(dirname "$0")/../.."

# The [package] version, the first `version = "..."` line after `[package]`.
VERSION=$(awk '
    /^\[/ { in_package = ($0 == "[package]") }
    in_package && /^version[[:space:]]*=/ { gsub(/.*=[[:space:]]*"|".*/, ""); print; exit }
' Cargo.toml)
if ! [[ "$VERSION" =~ ^(0|[1-9][0-9]*)\.(0|[1-9][0-9]?)\.(0|[1-9][0-9]?)$ ]]; then
    echo "Cargo.toml's version '$VERSION' must be MAJOR.MINOR.PATCH with MINOR and PATCH below 100" >&2
    echo "and no suffix: it becomes the Play versionCode and the iOS CFBundleVersion." >&2
    exit 1
fi
VERSION_CODE=$((BASH_REMATCH[1] * 10000 + BASH_REMATCH[2] * 100 + BASH_REMATCH[3]))

if [ "${1:-}" = "--print-version" ]; then
    echo "versionCode=$VERSION_CODE versionName=$VERSION"
    exit 0
fi

if ! grep -q '^\[bundle\.android\]' Dioxus.toml; then
    echo "Dioxus.toml has no [bundle.android] section, so dx would build an unsigned bundle that" >&2
    echo "Play refuses. Append it from your secret store first (README.md, \"Release signing\")." >&2
    exit 1
fi

# dx 0.7.10's Gradle project: <target dir>/dx/<crate>/release/android/app (build/request.rs,
# platform_dir and root_dir).
PROJECT="${CARGO_TARGET_DIR:-target}/dx/steady/release/android/app"
GRADLE_FILE="$PROJECT/app/build.gradle.kts"

# dx copies [bundle.android]'s passwords into the Gradle file in plain text: blank them when this
# script ends, whatever happens (dx writes the file afresh on every build).
scrub_passwords() {
    if [ -f "$GRADLE_FILE" ]; then
        sed -i.orig -e 's/^\( *storePassword = \).*/\1""/' \
            -e 's/^\( *keyPassword = \).*/\1""/' "$GRADLE_FILE"
        rm -f "$GRADLE_FILE.orig"
    fi
}
trap scrub_passwords EXIT

# An .aab is dx's default Android package type (cli/bundle.rs, default_package_types).
dx bundle --platform android --release --no-default-features --target aarch64-linux-android "$@"

[ -f "$GRADLE_FILE" ] || { echo "dx wrote no $GRADLE_FILE" >&2; exit 1; }
if [ "$(grep -c '^ *versionCode = 1$' "$GRADLE_FILE")" != 1 ] ||
    ! grep -q "^ *versionName = \"$VERSION\"$" "$GRADLE_FILE" ||
    ! grep -q '^ *signingConfig = signingConfigs.getByName("release")$' "$GRADLE_FILE"; then
    echo "$GRADLE_FILE is not what dx 0.7.10 writes (one 'versionCode = 1', versionName" >&2
    echo "\"$VERSION\", the release signingConfig): check dx's version before uploading anything." >&2
    exit 1
fi
sed -i.orig "s/^\( *versionCode = \)1$/\1$VERSION_CODE/" "$GRADLE_FILE"
rm -f "$GRADLE_FILE.orig"

# dx's bundle of this run says versionCode 1: remove it so it cannot be uploaded by mistake.
OUT="$PROJECT/app/build/outputs/bundle/release"
rm -f "$OUT"/*.aab
(cd "$PROJECT" && ./gradlew --quiet bundleRelease)

# The manifests Gradle merged for release (processReleaseMainManifest and the per-output one).
# (A while-read loop, not mapfile: macOS's /bin/bash is 3.2.)
MERGED=0
while IFS= read -r manifest; do
    MERGED=$((MERGED + 1))
    if ! grep -q "android:versionCode=\"$VERSION_CODE\"" "$manifest" ||
        ! grep -q 'android:configChanges="[^"]*fontWeightAdjustment' "$manifest"; then
        echo "$manifest lacks versionCode $VERSION_CODE or Steady's configChanges: do not" >&2
        echo "upload this bundle." >&2
        exit 1
    fi
done < <(find "$PROJECT/app/build/intermediates" -name AndroidManifest.xml \
    -path '*merged_manifest*' -path '*release*')
[ "$MERGED" -gt 0 ] || { echo "Gradle wrote no merged release manifest" >&2; exit 1; }

AAB="$OUT/Steady-$VERSION-$VERSION_CODE.aab"
mv "$OUT/app-release.aab" "$AAB"
echo "$AAB (versionCode $VERSION_CODE, versionName $VERSION)"
