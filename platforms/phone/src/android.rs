//! Android, through JNI on the activity that `ndk-context` holds (tao sets it when the app starts).
//! Every call runs in its own JNI local frame, and every Java exception is taken off the thread
//! (`ExceptionOccurred`, then `ExceptionClear`) and described before anything else is called, so a
//! refusal never unwinds into Rust, never leaves the thread with a pending exception, and never
//! leaks local references on a thread that stays attached. What an exception means is decided in
//! the plain modules ([`crate::keystore`] for the Keystore), which are tested off a phone.
//!
//! While an exception is pending, JNI allows only a short list of calls (ExceptionOccurred,
//! ExceptionClear, PopLocalFrame, DeleteLocalRef among them): the JNI specification's "Java
//! Exceptions" (<https://docs.oracle.com/javase/8/docs/technotes/guides/jni/spec/design.html>) and
//! Android's JNI tips (<https://developer.android.com/training/articles/perf-jni#exceptions>).
//! `IsInstanceOf` answers for subclasses too
//! (<https://docs.oracle.com/javase/8/docs/technotes/guides/jni/spec/functions.html#IsInstanceOf>).

use std::path::PathBuf;

use jni::objects::{JByteArray, JObject, JString, JThrowable, JValue};
use jni::{JNIEnv, JavaVM};

use crate::insets::{InsetsSource, PixelInsets, css_insets, insets_source};
use crate::keystore::{JavaException, keystore_failure, platform_failure};
use crate::{Insets, PhoneError, PhoneLink};

/// The Android Keystore entry that wraps Steady's data key. Made once, never exported.
const KEY_ALIAS: &str = "steady-data-key-wrap";
/// `WindowManager.LayoutParams.FLAG_SECURE`: no screenshots, no app-switcher thumbnail.
const FLAG_SECURE: i32 = 0x2000;
/// `WindowManager.LayoutParams.FLAG_KEEP_SCREEN_ON`.
const FLAG_KEEP_SCREEN_ON: i32 = 0x80;
/// `Intent.FLAG_ACTIVITY_NEW_TASK`, so the dialer opens on top even from a non-activity context.
const FLAG_ACTIVITY_NEW_TASK: i32 = 0x1000_0000;
/// `VibrationEffect.DEFAULT_AMPLITUDE`: the strength the phone's own settings choose.
const DEFAULT_AMPLITUDE: i32 = -1;
/// AES-GCM nonces from the keystore are 12 bytes; a sealed blob starts with its length.
const GCM_TAG_BITS: i32 = 128;
/// Local references each call may hold at once; the keystore's first use makes about twenty.
const LOCAL_FRAME: i32 = 64;
/// `javax.crypto.AEADBadTagException` for `FindClass`.
const AEAD_BAD_TAG_CLASS: &str = "javax/crypto/AEADBadTagException";

type Jni<T> = Result<T, jni::errors::Error>;

/// What a call that failed inside its local frame leaves behind: the exception Java threw, if any.
struct Thrown(Option<JavaException>);

impl From<jni::errors::Error> for Thrown {
    fn from(_: jni::errors::Error) -> Self {
        Thrown(None)
    }
}

/// Runs `f` with the JNI environment attached to this thread and the app's context; a failure is
/// turned into a [`PhoneError`] by `classify` (given no exception when the thread cannot attach).
fn with_context<T>(
    what: &str,
    classify: fn(&str, Option<&JavaException>) -> PhoneError,
    f: impl FnOnce(&mut JNIEnv<'_>, &JObject<'_>) -> Jni<T>,
) -> Result<T, PhoneError> {
    let context = ndk_context::android_context();
    // SAFETY: tao's android glue stores the process's JavaVM and the activity in ndk-context
    // before any of our code runs, and both live as long as the process.
    let vm = unsafe { JavaVM::from_raw(context.vm().cast()) }.map_err(|_| classify(what, None))?;
    let mut env = vm
        .attach_current_thread()
        .map_err(|_| classify(what, None))?;
    // SAFETY: a global reference kept by ndk-context for the life of the activity.
    let activity = unsafe { JObject::from_raw(context.context().cast()) };
    caught(&mut env, |env| f(env, &activity)).map_err(|thrown| classify(what, thrown.as_ref()))
}

/// Runs `f` in a fresh local frame. If it failed or Java threw, takes the exception off the
/// thread and says what it was; the frame's references are freed either way.
fn caught<T>(
    env: &mut JNIEnv<'_>,
    f: impl FnOnce(&mut JNIEnv<'_>) -> Jni<T>,
) -> Result<T, Option<JavaException>> {
    let result = env.with_local_frame(LOCAL_FRAME, |env| {
        let result = f(env);
        // Described inside the frame, so the exception's own references go with it.
        match (result, take_exception(env)) {
            (Ok(value), None) => Ok(value),
            (_, thrown) => Err(Thrown(thrown)),
        }
    });
    // PushLocalFrame itself can fail, with an OutOfMemoryError pending.
    result.map_err(|Thrown(thrown)| thrown.or_else(|| take_exception(env)))
}

/// Takes the pending exception off this thread, if there is one, and names it.
fn take_exception(env: &mut JNIEnv<'_>) -> Option<JavaException> {
    let thrown = match env.exception_occurred() {
        Ok(thrown) if !thrown.is_null() => thrown,
        _ => {
            let _ = env.exception_clear();
            return None;
        }
    };
    let _ = env.exception_clear();
    // IsInstanceOf covers subclasses too (it answers true for null, ruled out above).
    let bad_tag = env
        .is_instance_of(&thrown, AEAD_BAD_TAG_CLASS)
        .unwrap_or(false);
    let class = class_name(env, &thrown).unwrap_or_else(|_| "unknown".to_owned());
    // Describing it may itself have thrown; that is not the failure we report.
    if env.exception_check().unwrap_or(true) {
        let _ = env.exception_clear();
    }
    let _ = env.delete_local_ref(thrown);
    Some(JavaException { class, bad_tag })
}

/// `thrown.getClass().getName()`, e.g. `android.security.KeyStoreException`.
fn class_name(env: &mut JNIEnv<'_>, thrown: &JThrowable<'_>) -> Jni<String> {
    let class = env
        .call_method(thrown, "getClass", "()Ljava/lang/Class;", &[])?
        .l()?;
    let name = env
        .call_method(&class, "getName", "()Ljava/lang/String;", &[])?
        .l()?;
    java_string(env, name)
}

/// [`caught`] for a call that is not the Keystore's: any failure is [`PhoneError::Platform`].
fn checked<T>(
    env: &mut JNIEnv<'_>,
    what: &str,
    f: impl FnOnce(&mut JNIEnv<'_>) -> Jni<T>,
) -> Result<T, PhoneError> {
    caught(env, f).map_err(|thrown| platform_failure(what, thrown.as_ref()))
}

fn java_string(env: &mut JNIEnv<'_>, object: JObject<'_>) -> Jni<String> {
    let text = JString::from(object);
    let value: String = env.get_string(&text)?.into();
    Ok(value)
}

/// `Context.getNoBackupFilesDir()/steady`: private to the app, and left out of cloud backups and
/// of device-to-device transfer whatever the manifest says (Android never copies `no_backup`).
pub fn data_dir() -> Result<PathBuf, PhoneError> {
    with_context("getNoBackupFilesDir", platform_failure, |env, context| {
        let file = env
            .call_method(context, "getNoBackupFilesDir", "()Ljava/io/File;", &[])?
            .l()?;
        let path = env
            .call_method(&file, "getAbsolutePath", "()Ljava/lang/String;", &[])?
            .l()?;
        Ok(PathBuf::from(java_string(env, path)?).join("steady"))
    })
}

/// `tel:` opens the dialer (ACTION_DIAL never places a call by itself), `smsto:` opens messages
/// with the body filled in, `mailto:` an email app (ACTION_SENDTO with a mailto: URI is the way
/// Android's "Common intents" guide gives to reach only email apps), `https:` the browser. With
/// no app for it (a tablet without a dialer), startActivity throws ActivityNotFoundException,
/// which comes back as an error the app shows with the number.
pub fn open_link(link: &PhoneLink) -> Result<(), PhoneError> {
    let (action, uri, body) = match link {
        PhoneLink::Dial(number) => ("android.intent.action.DIAL", format!("tel:{number}"), None),
        PhoneLink::Message { number, body } => (
            "android.intent.action.SENDTO",
            format!("smsto:{number}"),
            body.clone(),
        ),
        PhoneLink::Email(address) => (
            "android.intent.action.SENDTO",
            format!("mailto:{address}"),
            None,
        ),
        PhoneLink::Browse(url) => ("android.intent.action.VIEW", url.clone(), None),
    };
    with_context("startActivity", platform_failure, |env, context| {
        let uri_text = env.new_string(uri)?;
        let uri = env
            .call_static_method(
                "android/net/Uri",
                "parse",
                "(Ljava/lang/String;)Landroid/net/Uri;",
                &[JValue::Object(&uri_text)],
            )?
            .l()?;
        let action = env.new_string(action)?;
        let intent = env.new_object(
            "android/content/Intent",
            "(Ljava/lang/String;Landroid/net/Uri;)V",
            &[JValue::Object(&action), JValue::Object(&uri)],
        )?;
        env.call_method(
            &intent,
            "addFlags",
            "(I)Landroid/content/Intent;",
            &[JValue::Int(FLAG_ACTIVITY_NEW_TASK)],
        )?;
        if let Some(body) = body {
            let key = env.new_string("sms_body")?;
            let value = env.new_string(body)?;
            env.call_method(
                &intent,
                "putExtra",
                "(Ljava/lang/String;Ljava/lang/String;)Landroid/content/Intent;",
                &[JValue::Object(&key), JValue::Object(&value)],
            )?;
        }
        env.call_method(
            context,
            "startActivity",
            "(Landroid/content/Intent;)V",
            &[JValue::Object(&intent)],
        )?;
        Ok(())
    })
}

/// One buzz: `Vibrator.vibrate(VibrationEffect.createOneShot(ms, DEFAULT_AMPLITUDE))` on
/// `Context.getSystemService("vibrator")` (VibrationEffect is API 26, our minSdk; the deprecated
/// `Vibrator` service still answers on API 31+, where `VibratorManager` was added beside it:
/// <https://developer.android.com/reference/android/os/Vibrator>). It needs
/// `android.permission.VIBRATE`, a normal permission granted at install (the manifest asks for it);
/// without it Android throws SecurityException, which comes back as an error and buzzes nothing.
/// A phone with no motor (`hasVibrator()` false) is [`PhoneError::Unsupported`].
pub fn vibrate(ms: u32) -> Result<(), PhoneError> {
    let buzzed = with_context("vibrate", platform_failure, |env, context| {
        let service = env.new_string("vibrator")?;
        let vibrator = env
            .call_method(
                context,
                "getSystemService",
                "(Ljava/lang/String;)Ljava/lang/Object;",
                &[JValue::Object(&service)],
            )?
            .l()?;
        if vibrator.is_null() || !env.call_method(&vibrator, "hasVibrator", "()Z", &[])?.z()? {
            return Ok(false);
        }
        let effect = env
            .call_static_method(
                "android/os/VibrationEffect",
                "createOneShot",
                "(JI)Landroid/os/VibrationEffect;",
                &[
                    JValue::Long(i64::from(ms.max(1))),
                    JValue::Int(DEFAULT_AMPLITUDE),
                ],
            )?
            .l()?;
        env.call_method(
            &vibrator,
            "vibrate",
            "(Landroid/os/VibrationEffect;)V",
            &[JValue::Object(&effect)],
        )?;
        Ok(true)
    })?;
    if buzzed {
        Ok(())
    } else {
        Err(PhoneError::Unsupported)
    }
}

/// The keystore's wrapping key, made on first use: AES-256, GCM only, never exportable.
fn keystore_key<'a>(env: &mut JNIEnv<'a>) -> Jni<JObject<'a>> {
    let provider = env.new_string("AndroidKeyStore")?;
    let store = env
        .call_static_method(
            "java/security/KeyStore",
            "getInstance",
            "(Ljava/lang/String;)Ljava/security/KeyStore;",
            &[JValue::Object(&provider)],
        )?
        .l()?;
    env.call_method(
        &store,
        "load",
        "(Ljava/security/KeyStore$LoadStoreParameter;)V",
        &[JValue::Object(&JObject::null())],
    )?;
    let alias = env.new_string(KEY_ALIAS)?;
    let existing = env
        .call_method(
            &store,
            "getKey",
            "(Ljava/lang/String;[C)Ljava/security/Key;",
            &[JValue::Object(&alias), JValue::Object(&JObject::null())],
        )?
        .l()?;
    if !existing.is_null() {
        return Ok(existing);
    }
    let algorithm = env.new_string("AES")?;
    let generator = env
        .call_static_method(
            "javax/crypto/KeyGenerator",
            "getInstance",
            "(Ljava/lang/String;Ljava/lang/String;)Ljavax/crypto/KeyGenerator;",
            &[JValue::Object(&algorithm), JValue::Object(&provider)],
        )?
        .l()?;
    // KeyProperties.PURPOSE_ENCRYPT | PURPOSE_DECRYPT
    let builder = env.new_object(
        "android/security/keystore/KeyGenParameterSpec$Builder",
        "(Ljava/lang/String;I)V",
        &[JValue::Object(&alias), JValue::Int(3)],
    )?;
    let gcm = env.new_string("GCM")?;
    let modes = env.new_object_array(1, "java/lang/String", &gcm)?;
    env.call_method(
        &builder,
        "setBlockModes",
        "([Ljava/lang/String;)Landroid/security/keystore/KeyGenParameterSpec$Builder;",
        &[JValue::Object(&modes)],
    )?;
    let no_padding = env.new_string("NoPadding")?;
    let paddings = env.new_object_array(1, "java/lang/String", &no_padding)?;
    env.call_method(
        &builder,
        "setEncryptionPaddings",
        "([Ljava/lang/String;)Landroid/security/keystore/KeyGenParameterSpec$Builder;",
        &[JValue::Object(&paddings)],
    )?;
    env.call_method(
        &builder,
        "setKeySize",
        "(I)Landroid/security/keystore/KeyGenParameterSpec$Builder;",
        &[JValue::Int(256)],
    )?;
    let spec = env
        .call_method(
            &builder,
            "build",
            "()Landroid/security/keystore/KeyGenParameterSpec;",
            &[],
        )?
        .l()?;
    env.call_method(
        &generator,
        "init",
        "(Ljava/security/spec/AlgorithmParameterSpec;)V",
        &[JValue::Object(&spec)],
    )?;
    env.call_method(&generator, "generateKey", "()Ljavax/crypto/SecretKey;", &[])?
        .l()
}

fn gcm_cipher<'a>(env: &mut JNIEnv<'a>) -> Jni<JObject<'a>> {
    let transformation = env.new_string("AES/GCM/NoPadding")?;
    env.call_static_method(
        "javax/crypto/Cipher",
        "getInstance",
        "(Ljava/lang/String;)Ljavax/crypto/Cipher;",
        &[JValue::Object(&transformation)],
    )?
    .l()
}

/// Seals `secret` under the keystore key: `[nonce length][nonce][ciphertext and tag]`. The
/// keystore picks the nonce (randomized encryption is required for keystore keys).
pub fn keystore_seal(secret: &[u8]) -> Result<Vec<u8>, PhoneError> {
    with_context("Android Keystore seal", keystore_failure, |env, _| {
        let key = keystore_key(env)?;
        let cipher = gcm_cipher(env)?;
        // Cipher.ENCRYPT_MODE
        env.call_method(
            &cipher,
            "init",
            "(ILjava/security/Key;)V",
            &[JValue::Int(1), JValue::Object(&key)],
        )?;
        let nonce = JByteArray::from(env.call_method(&cipher, "getIV", "()[B", &[])?.l()?);
        let nonce = env.convert_byte_array(&nonce)?;
        let input = env.byte_array_from_slice(secret)?;
        let sealed = JByteArray::from(
            env.call_method(&cipher, "doFinal", "([B)[B", &[JValue::Object(&input)])?
                .l()?,
        );
        let sealed = env.convert_byte_array(&sealed)?;
        let mut out = Vec::with_capacity(1 + nonce.len() + sealed.len());
        out.push(nonce.len() as u8);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    })
}

/// Opens what [`keystore_seal`] sealed on this phone. Bytes too short to hold a nonce, or that
/// fail GCM's tag check, are [`PhoneError::Damaged`]; a keystore that cannot answer now is
/// [`PhoneError::Platform`].
pub fn keystore_open(sealed: &[u8]) -> Result<Vec<u8>, PhoneError> {
    let (&nonce_len, rest) = sealed.split_first().ok_or(PhoneError::Damaged)?;
    let nonce_len = usize::from(nonce_len);
    if nonce_len == 0 || rest.len() <= nonce_len {
        return Err(PhoneError::Damaged);
    }
    let (nonce, body) = rest.split_at(nonce_len);
    // Only a failed tag check (AEADBadTagException from Cipher.doFinal) is Damaged; a keystore
    // that is not ready, or any other refusal, is Platform (see crate::keystore).
    with_context("Android Keystore open", keystore_failure, |env, _| {
        let key = keystore_key(env)?;
        let cipher = gcm_cipher(env)?;
        let nonce = env.byte_array_from_slice(nonce)?;
        let spec = env.new_object(
            "javax/crypto/spec/GCMParameterSpec",
            "(I[B)V",
            &[JValue::Int(GCM_TAG_BITS), JValue::Object(&nonce)],
        )?;
        // Cipher.DECRYPT_MODE
        env.call_method(
            &cipher,
            "init",
            "(ILjava/security/Key;Ljava/security/spec/AlgorithmParameterSpec;)V",
            &[JValue::Int(2), JValue::Object(&key), JValue::Object(&spec)],
        )?;
        let input = env.byte_array_from_slice(body)?;
        // Cipher.doFinal throws AEADBadTagException when "the received authentication tag does
        // not match the calculated value" (developer.android.com/reference/javax/crypto/Cipher);
        // AOSP's keystore cipher throws it for KM_ERROR_VERIFICATION_FAILED and nothing else
        // (keystore2/AndroidKeyStoreCipherSpiBase.java, engineDoFinal).
        let opened = JByteArray::from(
            env.call_method(&cipher, "doFinal", "([B)[B", &[JValue::Object(&input)])?
                .l()?,
        );
        env.convert_byte_array(&opened)
    })
}

/// Sets or clears `FLAG_SECURE`. Window flags may only change on Android's UI thread, so the main
/// crate calls this through wry's `JniHandle::exec`, which hands over that thread's env and the
/// activity.
pub fn set_window_secure(
    env: &mut JNIEnv<'_>,
    activity: &JObject<'_>,
    secure: bool,
) -> Result<(), PhoneError> {
    set_window_flag(env, activity, FLAG_SECURE, secure)
}

/// Sets or clears `FLAG_KEEP_SCREEN_ON`, so the screen stays on while a breathing pacer runs (a
/// person with their eyes closed never touches it, and Android vibrates only for an app in the
/// foreground). Cleared as the pacer ends; Android clears it anyway when the window goes
/// (<https://developer.android.com/develop/background-work/background-tasks/awake/screen-on>).
/// On the UI thread, like [`set_window_secure`].
pub fn set_keep_screen_on(
    env: &mut JNIEnv<'_>,
    activity: &JObject<'_>,
    on: bool,
) -> Result<(), PhoneError> {
    set_window_flag(env, activity, FLAG_KEEP_SCREEN_ON, on)
}

fn set_window_flag(
    env: &mut JNIEnv<'_>,
    activity: &JObject<'_>,
    flag: i32,
    on: bool,
) -> Result<(), PhoneError> {
    checked(env, "Window.addFlags", |env| {
        let window = env
            .call_method(activity, "getWindow", "()Landroid/view/Window;", &[])?
            .l()?;
        let method = if on { "addFlags" } else { "clearFlags" };
        env.call_method(&window, method, "(I)V", &[JValue::Int(flag)])?;
        Ok(())
    })
}

/// The system bars' and the display cutout's space, from the decor view's root insets, in CSS
/// pixels, through the activity `ndk-context` holds (see [`window_insets`]).
pub fn system_insets() -> Result<Insets, PhoneError> {
    with_context("getRootWindowInsets", platform_failure, |env, activity| {
        read_insets(env, activity)
    })
}

/// [`system_insets`] with the env and activity wry's `JniHandle::exec` hands over on Android's UI
/// thread, the thread a view's insets belong to.
pub fn window_insets(env: &mut JNIEnv<'_>, activity: &JObject<'_>) -> Result<Insets, PhoneError> {
    checked(env, "getRootWindowInsets", |env| read_insets(env, activity))
}

fn read_insets(env: &mut JNIEnv<'_>, activity: &JObject<'_>) -> Jni<Insets> {
    let window = env
        .call_method(activity, "getWindow", "()Landroid/view/Window;", &[])?
        .l()?;
    let decor = env
        .call_method(&window, "getDecorView", "()Landroid/view/View;", &[])?
        .l()?;
    // View.getRootWindowInsets (API 23) is null until the view is attached to a window.
    // https://developer.android.com/reference/android/view/View#getRootWindowInsets()
    let insets = env
        .call_method(
            &decor,
            "getRootWindowInsets",
            "()Landroid/view/WindowInsets;",
            &[],
        )?
        .l()?;
    if insets.is_null() {
        return Ok(Insets::default());
    }
    let resources = env
        .call_method(
            activity,
            "getResources",
            "()Landroid/content/res/Resources;",
            &[],
        )?
        .l()?;
    let metrics = env
        .call_method(
            &resources,
            "getDisplayMetrics",
            "()Landroid/util/DisplayMetrics;",
            &[],
        )?
        .l()?;
    // DisplayMetrics.density: physical pixels per density-independent (CSS) pixel.
    // https://developer.android.com/reference/android/util/DisplayMetrics#density
    let density = env.get_field(&metrics, "density", "F")?.f()?;
    // Build.VERSION.SDK_INT: the running platform's API level.
    // https://developer.android.com/reference/android/os/Build.VERSION#SDK_INT
    let sdk_int = env
        .get_static_field("android/os/Build$VERSION", "SDK_INT", "I")?
        .i()?;
    let (bars, cutout) = match insets_source(sdk_int) {
        InsetsSource::InsetTypes => (bars_and_cutout(env, &insets)?, None),
        InsetsSource::SystemWindowAndCutout => (
            system_window_insets(env, &insets)?,
            display_cutout(env, &insets)?,
        ),
        InsetsSource::SystemWindow => (system_window_insets(env, &insets)?, None),
    };
    Ok(css_insets(bars, cutout, density))
}

/// API 30+: `getInsets(Type.systemBars() | Type.displayCutout())`, an `android.graphics.Insets`
/// with public int fields `left`, `top`, `right`, `bottom`.
/// https://developer.android.com/reference/android/view/WindowInsets#getInsets(int),
/// https://developer.android.com/reference/android/view/WindowInsets.Type,
/// https://developer.android.com/reference/android/graphics/Insets
fn bars_and_cutout(env: &mut JNIEnv<'_>, insets: &JObject<'_>) -> Jni<PixelInsets> {
    let types = "android/view/WindowInsets$Type";
    let bars = env
        .call_static_method(types, "systemBars", "()I", &[])?
        .i()?;
    let cutout = env
        .call_static_method(types, "displayCutout", "()I", &[])?
        .i()?;
    let sides = env
        .call_method(
            insets,
            "getInsets",
            "(I)Landroid/graphics/Insets;",
            &[JValue::Int(bars | cutout)],
        )?
        .l()?;
    let mut field = |name: &str| -> Jni<i32> { env.get_field(&sides, name, "I")?.i() };
    Ok(PixelInsets {
        left: field("left")?,
        top: field("top")?,
        right: field("right")?,
        bottom: field("bottom")?,
    })
}

/// Below API 30: `getSystemWindowInset*()` (deprecated in 30 for `getInsets`), the bars without
/// the cutout.
/// https://developer.android.com/reference/android/view/WindowInsets#getSystemWindowInsetTop()
fn system_window_insets(env: &mut JNIEnv<'_>, insets: &JObject<'_>) -> Jni<PixelInsets> {
    let mut side = |name: &str| -> Jni<i32> { env.call_method(insets, name, "()I", &[])?.i() };
    Ok(PixelInsets {
        left: side("getSystemWindowInsetLeft")?,
        top: side("getSystemWindowInsetTop")?,
        right: side("getSystemWindowInsetRight")?,
        bottom: side("getSystemWindowInsetBottom")?,
    })
}

/// API 28-29: `WindowInsets.getDisplayCutout()` (null when there is none, or when the window
/// does not reach it) and its `getSafeInset*()`.
/// https://developer.android.com/reference/android/view/WindowInsets#getDisplayCutout(),
/// https://developer.android.com/reference/android/view/DisplayCutout#getSafeInsetTop()
fn display_cutout(env: &mut JNIEnv<'_>, insets: &JObject<'_>) -> Jni<Option<PixelInsets>> {
    let cutout = env
        .call_method(
            insets,
            "getDisplayCutout",
            "()Landroid/view/DisplayCutout;",
            &[],
        )?
        .l()?;
    if cutout.is_null() {
        return Ok(None);
    }
    let mut side = |name: &str| -> Jni<i32> { env.call_method(&cutout, name, "()I", &[])?.i() };
    Ok(Some(PixelInsets {
        left: side("getSafeInsetLeft")?,
        top: side("getSafeInsetTop")?,
        right: side("getSafeInsetRight")?,
        bottom: side("getSafeInsetBottom")?,
    }))
}
