//! Room for Android's system bars and the display cutout (the notch), in CSS pixels. The app is
//! drawn edge to edge, so the page must keep clear of both; which Android call reports them
//! depends on the Android version, and the arithmetic (the larger of bars and cutout on each
//! side, physical pixels to CSS pixels) is here, where it can be tested off a phone.
//!
//! - API 30 and later: `WindowInsets.getInsets(Type.systemBars() | Type.displayCutout())`. Types
//!   "can be combined using bitwise OR" and passed to `getInsets(int)`
//!   (<https://developer.android.com/reference/android/view/WindowInsets.Type>), and
//!   `displayCutout()` "is equivalent to the safe insets on `WindowInsets.getDisplayCutout()`".
//!   The combined answer is already the larger of the two on each side: AOSP's
//!   `WindowInsets.getInsets(Insets[], int)` folds the types with `Insets.max`
//!   (`frameworks/base/core/java/android/view/WindowInsets.java`).
//! - API 28 and 29: `getSystemWindowInset*()` leaves the cutout out, so take each side's larger
//!   of it and `getDisplayCutout()`'s `getSafeInset*()`
//!   (<https://developer.android.com/reference/android/view/DisplayCutout>, added in API 28).
//! - Below 28 there is no cutout API: the system window insets alone.

/// Space taken by the system's bars and cut-outs, in CSS pixels.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Insets {
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

/// Insets in physical pixels, as Android reports them (`android.graphics.Insets`, or the four
/// `getSystemWindowInset*` / `getSafeInset*` answers).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PixelInsets {
    pub left: i32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
}

/// Which Android calls report the bars and the cutout on this version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsetsSource {
    /// API 30+: `getInsets(Type.systemBars() | Type.displayCutout())`.
    InsetTypes,
    /// API 28-29: `getSystemWindowInset*()` and `getDisplayCutout().getSafeInset*()`.
    SystemWindowAndCutout,
    /// Below 28: `getSystemWindowInset*()` only.
    SystemWindow,
}

/// The calls to use on `Build.VERSION.SDK_INT`.
pub fn insets_source(sdk_int: i32) -> InsetsSource {
    match sdk_int {
        30.. => InsetsSource::InsetTypes,
        28..=29 => InsetsSource::SystemWindowAndCutout,
        _ => InsetsSource::SystemWindow,
    }
}

/// The larger of the bars and the cutout on each side, in CSS pixels (`DisplayMetrics.density`
/// physical pixels each). A density that is not a positive number counts as 1.
pub fn css_insets(bars: PixelInsets, cutout: Option<PixelInsets>, density: f32) -> Insets {
    let cutout = cutout.unwrap_or_default();
    let density = if density.is_finite() && density > 0.0 {
        density
    } else {
        1.0
    };
    let side = |bar: i32, cut: i32| bar.max(cut).max(0) as f32 / density;
    Insets {
        top: side(bars.top, cutout.top),
        right: side(bars.right, cutout.right),
        bottom: side(bars.bottom, cutout.bottom),
        left: side(bars.left, cutout.left),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_version_uses_the_calls_it_has() {
        assert_eq!(insets_source(26), InsetsSource::SystemWindow);
        assert_eq!(insets_source(27), InsetsSource::SystemWindow);
        assert_eq!(insets_source(28), InsetsSource::SystemWindowAndCutout);
        assert_eq!(insets_source(29), InsetsSource::SystemWindowAndCutout);
        assert_eq!(insets_source(30), InsetsSource::InsetTypes);
        assert_eq!(insets_source(35), InsetsSource::InsetTypes);
    }

    #[test]
    fn a_notch_wider_than_the_bar_wins_its_side() {
        // Landscape on API 28-29: the notch on the left, the status bar on top, the navigation
        // bar on the right; 3 physical pixels to a CSS pixel.
        let bars = PixelInsets {
            left: 0,
            top: 72,
            right: 126,
            bottom: 0,
        };
        let cutout = PixelInsets {
            left: 96,
            top: 0,
            right: 0,
            bottom: 0,
        };
        assert_eq!(
            css_insets(bars, Some(cutout), 3.0),
            Insets {
                top: 24.0,
                right: 42.0,
                bottom: 0.0,
                left: 32.0,
            }
        );
    }

    #[test]
    fn without_a_cutout_the_bars_alone_count() {
        let bars = PixelInsets {
            left: 0,
            top: 63,
            right: 0,
            bottom: 42,
        };
        let insets = css_insets(bars, None, 2.625);
        assert_eq!((insets.top, insets.bottom), (24.0, 16.0));
        assert_eq!((insets.left, insets.right), (0.0, 0.0));
    }

    #[test]
    fn a_strange_density_or_negative_side_never_gives_nonsense() {
        let bars = PixelInsets {
            left: -5,
            top: 40,
            right: 0,
            bottom: 0,
        };
        for density in [0.0, -1.0, f32::NAN, f32::INFINITY] {
            let insets = css_insets(bars, None, density);
            assert_eq!((insets.top, insets.left), (40.0, 0.0), "{density}");
        }
    }
}
