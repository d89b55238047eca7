//! A bar chart of the average mood per day, drawn as SVG by the app. Screen readers get the summary
//! in words; the bars are a picture of the same thing.

use dioxus::prelude::*;

use crate::domain::{ChartRange, ChartSummary, DayPoint};

const WIDTH: f32 = 320.0;
const HEIGHT: f32 = 140.0;
const TOP: f32 = 10.0;
const BOTTOM: f32 = 120.0;
const LEFT: f32 = 24.0;
/// Room on the right so the last day's label is not cut off.
const RIGHT: f32 = 16.0;

/// The y position of a level from 0 (no bar) to 5.
fn y_for(level: f32) -> f32 {
    BOTTOM - (BOTTOM - TOP) * level / 5.0
}

#[component]
pub fn MoodChart(points: Vec<DayPoint>, summary: ChartSummary, range: ChartRange) -> Element {
    let count = points.len().max(1) as f32;
    let slot = (WIDTH - LEFT - RIGHT) / count;
    let bar = (slot * 0.6).max(2.0);
    let label_every = if range == ChartRange::Week { 1 } else { 7 };
    rsx! {
        figure { class: "card", id: "mood-chart",
            svg {
                class: "chart",
                view_box: "0 0 {WIDTH} {HEIGHT}",
                role: "img",
                "aria-label": "{summary.0}",
                for level in [1.0f32, 3.0, 5.0] {
                    g { key: "grid-{level}",
                    line {
                        class: "grid-line",
                        x1: "{LEFT}",
                        x2: "{WIDTH - RIGHT}",
                        y1: "{y_for(level)}",
                        y2: "{y_for(level)}",
                    }
                    text {
                        class: "axis-label",
                        x: "4",
                        y: "{y_for(level) + 4.0}",
                        "{level}"
                    }
                    }
                }
                for (index, point) in points.iter().enumerate() {
                    g { key: "day-{index}",
                    if let Some(average) = point.average {
                        rect {
                            class: "bar",
                            "data-day": "{point.date}",
                            x: "{LEFT + slot * index as f32 + (slot - bar) / 2.0}",
                            y: "{y_for(average)}",
                            width: "{bar}",
                            height: "{BOTTOM - y_for(average)}",
                            rx: "3",
                        }
                    }
                    if index % label_every == 0 {
                        text {
                            class: "axis-label",
                            x: "{LEFT + slot * index as f32 + slot / 2.0}",
                            y: "{HEIGHT - 4.0}",
                            text_anchor: "middle",
                            if range == ChartRange::Week {
                                "{point.date.format(\"%a\")}"
                            } else {
                                "{point.date.format(\"%-d %b\")}"
                            }
                        }
                    }
                    }
                }
            }
            figcaption { class: "muted small", id: "chart-summary", "{summary.0}" }
        }
    }
}
