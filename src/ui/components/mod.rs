//! Widgets: small components with props in and events out. Screens in `views/` compose them.

mod contact_card;
mod details_editor;
mod emotion_grid;
mod entry_card;
mod low_mood_offer;
mod mood_chart;
mod mood_scale;
mod tag_picker;
mod undo_toast;

pub use contact_card::ContactCard;
pub use details_editor::DetailsEditor;
pub use emotion_grid::EmotionGrid;
pub use entry_card::EntryCard;
pub use low_mood_offer::LowMoodOffer;
pub use mood_chart::MoodChart;
pub use mood_scale::MoodScale;
pub use tag_picker::TagPicker;
pub use undo_toast::UndoToast;
