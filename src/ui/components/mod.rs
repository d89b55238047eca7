//! Widgets: small components with props in and events out. Screens in `views/` compose them.

mod breath_pacer;
mod comfort_list;
mod contact_card;
mod details_editor;
mod distress_rating;
mod emotion_grid;
mod entry_card;
mod goal_detail;
mod goal_form;
mod low_mood_offer;
mod mood_chart;
mod mood_scale;
mod people_list;
mod plan_section;
mod tag_picker;
mod tool_runner;
mod undo_toast;
mod urge_timer;

pub use breath_pacer::BreathPacer;
pub use comfort_list::ComfortList;
pub use contact_card::ContactCard;
pub use details_editor::DetailsEditor;
pub use distress_rating::DistressRating;
pub use emotion_grid::EmotionGrid;
pub use entry_card::EntryCard;
pub use goal_detail::GoalDetail;
pub use goal_form::GoalForm;
pub use low_mood_offer::LowMoodOffer;
pub use mood_chart::MoodChart;
pub use mood_scale::MoodScale;
pub use people_list::PeopleList;
pub use plan_section::PlanSectionEditor;
pub use tag_picker::TagPicker;
pub use tool_runner::ToolRunner;
pub use undo_toast::UndoToast;
pub use urge_timer::UrgeTimer;
