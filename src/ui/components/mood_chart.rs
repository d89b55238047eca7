//! The week or month chart, drawn as SVG by the app. Each day shows its range, from its lowest to
//! its highest check-in (so one really hard moment in a good day still shows), with a mark at the
//! day's average. The axis says the moods in words. Screen readers get the summary in words; the
//! picture shows the same thing.

use dioxus::prelude::*;

use crate::domain::time::{short_date_in, weekday_short};
use crate::domain::{ChartRange, ChartSummary, DayPoint, MoodLevel};
use crate::ui::use_lang;

const WIDTH: f32 = 340.0;
const HEIGHT: f32 = 150.0;
const TOP: f32 = 12.0;
const BOTTOM: f32 = 126.0;
/// Room on the left for the mood words.
const LEFT: f32 = 84.0;
/// Room on the right so the last day's label is not cut off.
const RIGHT: f32 = 14.0;

/// The y position of a level from 1 to 5.
fn y_for(level: f32) -> f32 {
    BOTTOM - (BOTTOM - TOP) * (level - 1.0) / 4.0
}

#[component]
pub fn MoodChart(points: Vec<DayPoint>, summary: ChartSummary, range: ChartRange) -> Element {
    let lang = use_lang();
    let count = points.len().max(1) as f32;
    let slot = (WIDTH - LEFT - RIGHT) / count;
    let bar = (slot * 0.55).clamp(3.0, 18.0);
    let label_every = if range == ChartRange::Week { 1 } else { 7 };
    rsx! {
        figure { class: "card", id: "mood-chart",
            svg {
                class: "chart",
                view_box: "0 0 {WIDTH} {HEIGHT}",
                role: "img",
                "aria-label": "{summary.0}",
                for level in [1u8, 3, 5] {
                    g { key: "grid-{level}",
                        line {
                            class: "grid-line",
                            x1: "{LEFT}",
                            x2: "{WIDTH - RIGHT}",
                            y1: "{y_for(f32::from(level))}",
                            y2: "{y_for(f32::from(level))}",
                        }
                        text {
                            class: "axis-label",
                            x: "{LEFT - 6.0}",
                            y: "{y_for(f32::from(level)) + 4.0}",
                            text_anchor: "end",
                            {MoodLevel::ALL[usize::from(level) - 1].words(lang)}
                        }
                    }
                }
                for (index, point) in points.iter().enumerate() {
                    g { key: "day-{index}",
                        if let (Some(low), Some(high), Some(average)) = (point.low, point.high, point.average) {
                            // The day's range, lowest to highest; a single check-in is a short bar.
                            rect {
                                class: "bar",
                                "data-day": "{point.date}",
                                "data-low": "{low}",
                                "data-high": "{high}",
                                x: "{LEFT + slot * index as f32 + (slot - bar) / 2.0}",
                                y: "{y_for(f32::from(high)) - 4.0}",
                                width: "{bar}",
                                height: "{y_for(f32::from(low)) - y_for(f32::from(high)) + 8.0}",
                                rx: "{bar / 2.0}",
                            }
                            circle {
                                class: "day-average",
                                cx: "{LEFT + slot * index as f32 + slot / 2.0}",
                                cy: "{y_for(average)}",
                                r: "{(bar / 2.0 - 1.0).max(2.0)}",
                            }
                        }
                        if index % label_every == 0 {
                            text {
                                class: "axis-label",
                                x: "{LEFT + slot * index as f32 + slot / 2.0}",
                                y: "{HEIGHT - 4.0}",
                                text_anchor: "middle",
                                if range == ChartRange::Week {
                                    {weekday_short(lang, point.date)}
                                } else {
                                    {short_date_in(lang, point.date)}
                                }
                            }
                        }
                    }
                }
            }
            figcaption { class: "muted small", id: "chart-summary",
                "{summary.0}"
                " "
                {t!(lang, "chart-how-to-read")}
            }
        }
    }
}
