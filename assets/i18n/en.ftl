# Steady: English. Every word a person reads. Variables are $snake_case.

## The frame
app-name = Steady
app-name-discreet = Notes
app-name-mentor = { $name } · Mentor
skip-to-content = Skip to content
hide = Hide
hide-aria = Hide the screen now
nav-main = Main
tab-today = Today
tab-history = History
tab-goals = Goals
tab-tools = Tools
tab-sharing = Sharing
tab-help = Help
tab-mentees = Mentees
tab-privacy = Privacy

## Dates and times
time-clock = { $hour }:{ $minute } { $half ->
    [am] AM
   *[pm] PM
}
date-short = { $month } { $day }
date-long = { $weekday }, { $month } { $day }
date-with-year = { $date }, { $year }
date-month-year = { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
month-short-1 = Jan
month-short-2 = Feb
month-short-3 = Mar
month-short-4 = Apr
month-short-5 = May
month-short-6 = Jun
month-short-7 = Jul
month-short-8 = Aug
month-short-9 = Sep
month-short-10 = Oct
month-short-11 = Nov
month-short-12 = Dec
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
weekday-short-1 = Mon
weekday-short-2 = Tue
weekday-short-3 = Wed
weekday-short-4 = Thu
weekday-short-5 = Fri
weekday-short-6 = Sat
weekday-short-7 = Sun

## Moods and tags
mood-level-1 = Really hard
mood-level-2 = Not great
mood-level-3 = Okay
mood-level-4 = Good
mood-level-5 = Really good
tag-school = school
tag-family = family
tag-friends = friends
tag-sleep = sleep
tag-health = health
tag-work = work
err-mood-level = Pick a mood from 1 to 5.
err-note-too-long = This note is longer than we can keep ({ $count } of 20,000 characters). Your words are still here: try making it shorter, or split it over two check-ins.
err-tag-empty = Type a word for your tag first.
err-tag-too-long = Tags can be up to 40 characters. Try a shorter word.
err-too-many-words = That's a lot of tags and words. Try picking up to 40.
err-unknown-word = That feeling word isn't one we know.

## Feeling words
quadrant-high-unpleasant = Lots of energy, not so nice
quadrant-high-pleasant = Lots of energy, nice
quadrant-low-unpleasant = Low energy, not so nice
quadrant-low-pleasant = Low energy, nice
emotion-angry = angry
emotion-stressed = stressed
emotion-worried = worried
emotion-scared = scared
emotion-frustrated = frustrated
emotion-annoyed = annoyed
emotion-nervous = nervous
emotion-overwhelmed = overwhelmed
emotion-restless = restless
emotion-jealous = jealous
emotion-excited = excited
emotion-happy = happy
emotion-proud = proud
emotion-hopeful = hopeful
emotion-energetic = full of energy
emotion-playful = playful
emotion-confident = confident
emotion-amazed = amazed
emotion-cheerful = cheerful
emotion-motivated = ready to go
emotion-sad = sad
emotion-tired = tired
emotion-lonely = lonely
emotion-bored = bored
emotion-down = down
emotion-hurt = hurt
emotion-disappointed = let down
emotion-empty = empty
emotion-left-out = left out
emotion-drained = drained
emotion-calm = calm
emotion-relaxed = relaxed
emotion-content = content
emotion-safe = safe
emotion-grateful = thankful
emotion-peaceful = peaceful
emotion-cosy = cozy
emotion-thoughtful = thoughtful
emotion-rested = rested
emotion-loved = loved

## Goals
goal-heading-active = Working on
goal-heading-paused = Resting for now
goal-heading-done = Done
goal-heading-let-go = Let go
goal-state-active = Working on it
goal-state-paused = Resting for now
goal-state-done = Done
goal-state-let-go = Let go
progress-1 = It's hard
progress-2 = It's okay
progress-3 = Going well
err-goal-title-empty = Give your goal a few words first.
err-goal-title-long = That's a long goal. Try saying it in up to 200 characters; you can add more under why it matters.
err-goal-why-long = That's a lot to say here. Try up to 2,000 characters.
err-step-empty = Type the step first.
err-step-long = That step is very long. Try up to 500 characters, or split it into smaller steps.
err-goal-note-long = That note is very long. Try up to 2,000 characters.
err-goal-no-progress = Pick how it's going first.

## Safety plan
plan-warning-signs-title = Signs a hard time is starting
plan-warning-signs-prompt = Thoughts, feelings or situations that tell me a hard time might be starting.
plan-things-i-can-do-title = Things I can do on my own
plan-things-i-can-do-prompt = Things that help me feel a bit calmer, by myself.
plan-people-and-places-title = People and places that take my mind off things
plan-people-and-places-prompt = Who I can be around, or where I can go, to feel less alone.
plan-people-to-ask-title = People I can ask for help
plan-people-to-ask-prompt = People I trust to talk to when things are hard. Add someone from My people to call or text them from here.
plan-professionals-title = Helpers and places I can call
plan-professionals-prompt = A school counselor, a doctor, a helpline, or anyone whose job is to help.
plan-safer-space-title = Making my space safer
plan-safer-space-prompt = Ways to make where I am safer, like keeping some things away.
plan-reasons-title = My reasons to keep going
plan-reasons-prompt = People, pets, plans or things that matter to me.
err-plan-empty = Type something first.
err-plan-long = That's a lot for one line. Try up to 1,000 characters, or split it in two.

## Passcode
passcode-hint-phone = Use 4 to 8 numbers, or a phrase.
passcode-hint-here = Use 6 to 8 numbers, or a phrase. This device has no security chip guarding your data like a phone does, so a longer passcode keeps it safe.
passcode-hint-keystore-away = Use 6 to 8 numbers, or a phrase. This phone's secure key store didn't answer, so for now your passcode is the only lock.
auto-lock-now = Right away
auto-lock-1 = After 1 minute
auto-lock-5 = After 5 minutes
auto-lock-15 = After 15 minutes
err-passcode-short = Use 4 to 8 numbers, or a phrase of at least 6 characters.
err-passcode-short-here = Use 6 to 8 numbers, or a phrase of at least 6 characters. This device has no security chip guarding your data, so a longer passcode keeps it safe.
err-passcode-short-keystore = Use 6 to 8 numbers, or a phrase of at least 6 characters. This phone's secure key store didn't answer, so for now your passcode is the only lock.
err-passcode-digits = A number passcode can be up to 8 numbers. Or use a phrase.
err-passcode-long = That's longer than the app can use. Try something under 100 characters.
err-passcode-mismatch = The two passcodes aren't the same. Try typing them again.

## History
chart-none = No check-ins in the last { $days } days yet.
chart-counts =
    In the last { $days } days: { $checkins ->
        [one] 1 check-in
       *[other] { $checkins } check-ins
    } on { $daycount ->
        [one] 1 day
       *[other] { $daycount } days
    }.
chart-spread = They went from “{ $low }” to “{ $high }”.
chart-you-chose = You chose “{ $mood }” most often.
chart-they-chose = { $name } chose “{ $mood }” most often.

## Problems
err-key-missing = Your saved data is here, but the key to open it is missing ({ $path }). Nothing was changed. Put the key file back to see your entries again.
err-store-wrong-passcode = That passcode doesn't match. Nothing was changed.
err-key-elsewhere = The key to your saved data at { $path } belongs to another device, or this device can't open it any more. Nothing was changed or deleted.
err-vault = This device's key store didn't answer. That can happen just after a restart. Nothing was changed. Try again in a moment.
err-key-damaged = The key file at { $path } is damaged, so your saved data can't be opened. Nothing was changed.
err-foreign-file = The file at { $path } isn't this app's data (it is not encrypted). Nothing was changed or deleted.
err-cannot-unlock = The app couldn't open its saved data at { $path }: the key doesn't fit or the file is damaged. Nothing was changed or deleted.
err-migration-changed = This version of the app changed a database step it ran before ({ $step }). Nothing was changed.
err-newer-version = Your data was saved by a newer version of the app. Update it to open your data.
err-identity-damaged = This device's sharing keys are damaged, so sharing is paused. Your entries are safe.
err-not-found = That entry isn't here any more.
err-io = The app couldn't read or write its files: { $why }
err-sqlite = The app couldn't save or read that just now. Try again.
err-person-name-empty = Add a name, so you know who this is.
err-person-name-long = That name is a bit long. Try up to 80 characters.
err-person-phone = That doesn't look like a phone number. Use digits, like 555 123 4567, or start with + for another country.
err-not-enrolled = This app isn't linked with a program yet.
err-sync-poisoned = The app hit a problem and stopped updating to be safe.
err-sync-locked = The app is locked, so updates wait until it's opened.
err-poisoned = The app hit a problem and stopped saving to be safe. Close it and open it again.
err-locked = The app is locked. Type your passcode to open it.
err-wrong-passcode = That passcode doesn't match.
err-wrong-passcode-wait = That passcode doesn't match. You can try again in { $wait }.
err-needs-passcode = Type your passcode first. It keeps anyone else from sharing your things.
err-try-again-in = You can try again in { $wait }.
err-mentor-passcode = A mentor's device keeps its passcode: it holds what mentees shared with you. You can change it.
err-offline = Can't reach your program's server right now.
err-busy = Your program's server is busy. The app will try again in a moment.
err-server = Your program's server had a problem. The app will try again.
wait-seconds =
    { $count ->
        [one] 1 second
       *[other] { $count } seconds
    }
wait-minutes =
    { $count ->
        [one] 1 minute
       *[other] { $count } minutes
    }
server-device-removed = Your program removed this device.
server-replies-paused = Replies to this mentee are paused while your program looks at something. They will be in touch.
server-replies-full = The notes kept for this mentee have reached your program's storage limit. Your program can help.
server-no-safeguarding = Your program hasn't set this up yet. Call your coordinator instead.
server-safeguarding-key-changed = Your program changed where this goes. Tap Update now, then try again.
server-storage-full = What you share has reached the program's storage limit. Stop sharing something old to make room.
server-rate-limited = Too many tries in a short time. Wait a moment and try again.
server-bad-invite = That invite code didn't work. It may be mistyped, used already or expired.
history-range = Chart range
what-helped = What helped
what-helped-empty = When you use a tool and say how you feel before and after, you'll see here what helps you most.
history-empty = Nothing here yet. Your check-ins will show up here, and only you can see them.
history-earlier = Show earlier days
history-deleted = Check-in deleted.
range-week = Week
range-month = Month
day-today = Today
day-yesterday = Yesterday
helped-used =
    { $count ->
        [one] Used once.
       *[other] Used { $count } times.
    }
helped-calmer =
    { $used } Afterwards you usually felt calmer: about { $steps ->
        [one] 1 step
       *[other] { $steps } steps
    } down on the 0 to 10 scale.
helped-upset =
    { $used } Afterwards you usually felt a bit more upset: about { $steps ->
        [one] 1 step
       *[other] { $steps } steps
    } up. That's okay. Different things help different people.
helped-same = { $used } Afterwards you usually felt about the same.

## Shared things
when-short = { $weekday }, { $date }, { $time }
terms-replies-on = Replies are on.
terms-replies-off = Replies are off for now.
terms-read-receipts = You'll see when a note was read.
mood-with-level = { $mood } ({ $level } of 5)
shared-feeling = Feeling: { $words }
shared-about = About: { $words }
shared-goal = Goal: { $title }
steps-done = { $done } of { $total } steps done
shared-why = Why it matters: { $why }
shared-target = Aiming for { $target }
step-done-sr = Done:
step-todo-sr = To do:
shared-plan = Safety plan
shared-asked = Asked you to get in touch

## Notices
notice-device-removed = Your program removed this device, so what your mentees shared has been deleted from it.
notice-match-ended-mentor = Your match with { $name } has ended. What { $name } shared has been deleted from this device.
notice-match-ended-mentee = Your match with { $name } has ended. What you shared with { $name } is deleted from their phone the next time it connects, and nothing new goes to them.
notice-passed-on =
    { $mentor } passed on { $what ->
        [mood] your check-in
        [goal] your goal
        [safety_plan] your safety plan
        [contact_request] your request to get in touch
       *[other] something you shared
    } to { $to }, as your program says they must when someone could be hurt.
notice-inbox-changed = Your program changed who reads concerns and reports. They now go to { $name }. If that seems wrong, ask your coordinator before you pass anything on.
notice-inbox-gone = Your program has no safeguarding inbox right now. If you're worried about someone, call your coordinator.
notice-reported = You reported a note from { $mentor } to { $to }. { $mentor }'s notes are paused until your program has looked at it.

## Mentor mode
this-device = This device and sync
sync-last = Last updated at { $time }.
sync-not-yet = Not updated yet.
sync-offline = Offline for now.
device-code-before = This device's code is
device-code-after = A mentee may ask you to read it out before they say yes to this device.
back-to-mentees = ← All mentees
your-mentees = Your mentees
what-happened = What happened
no-mentees = No mentees yet. When your program pairs you with someone, they show here.
last-check-in = Last shared check-in: { $words }
no-check-ins = No check-ins shared yet.
a-mentee = Mentee
check-ins-and-more = Check-ins and more
nothing-shared-yet = { $name } hasn't shared anything with you yet. That's okay.
unverified-item = This item could not be verified, so it isn't shown. It may have been changed on the way.
note-for = A note for { $name }

## Today
save = Save
cancel = Cancel
skip = Skip
back = Back
not-now = Not now
mood-button-aria = { $mood }, { $level } of 5
today-title = How are you feeling right now?
today-hint = One tap saves it. Tapped the wrong one? Just tap again.
today-saved = Saved. Only you can see this.
today-details-saved = Added to your check-in. Only you can see this.
today-skipped = Okay. Your check-in is saved.
today-so-far = Today so far
today-with-note = with a note
today-change-in-history = You can change or delete these in History.
details-edit-title = Edit this check-in
details-title = Want to add more? It's optional.
details-how-you-felt = How you felt
details-feeling-words = Feeling words (optional)
details-about = What's it about? (optional)
details-note = A note, just for you (optional)

## Tools
tool-senses-name = 5-4-3-2-1 senses
tool-senses-summary = Come back to right here, one sense at a time.
tool-senses-before = Go at your own pace. There's no wrong answer.
tool-senses-note = If smell or taste is hard right now, think of a smell or taste you like instead.
tool-senses-step-1 = Name 5 things around you that you can see. With your eyes closed, name 5 things you can touch or hear instead.
tool-senses-step-2 = Notice 4 things you can feel, like your feet on the floor or your clothes on your skin.
tool-senses-step-3 = Listen. Name 3 things you can hear.
tool-senses-step-4 = Find 2 things you can smell.
tool-senses-step-5 = Notice 1 thing you can taste.
tool-box-name = Box breathing
tool-box-summary = Breathe in a slow, even square: in, hold, out, hold.
tool-box-before = Sit comfortably. Breathe through your nose if you can. If holding your breath feels hard, skip the holds. If you feel dizzy, stop and breathe normally.
tool-box-phase-1 = Breathe in
tool-box-phase-2 = Hold
tool-box-phase-3 = Breathe out
tool-box-phase-4 = Hold
tool-478-name = 4-7-8 breathing
tool-478-summary = A long, slow breath out to help your body settle.
tool-478-before = Sit or lie down first. If you feel dizzy, stop and breathe normally.
tool-478-phase-1 = Breathe in through your nose
tool-478-phase-2 = Hold
tool-478-phase-3 = Breathe out through your mouth
tool-paced-name = Paced breathing
tool-paced-summary = Breathe out a little longer than you breathe in. You choose the pace.
tool-paced-before = Find a pace that feels easy. You can change it any time.
tool-paced-phase-1 = Breathe in
tool-paced-phase-2 = Breathe out
tool-sigh-name = Calming sigh
tool-sigh-summary = Two breaths in, one long breath out. A quick way to settle.
tool-sigh-before = Breathe in through your nose, then top it up with a second, shorter breath in.
tool-sigh-phase-1 = Breathe in
tool-sigh-phase-2 = One more short breath in
tool-sigh-phase-3 = Long, slow breath out through your mouth
tool-muscles-name = Muscle relaxation
tool-muscles-summary = Gently tense, then let go, one part of your body at a time.
tool-muscles-before = You can do this sitting down. Keep breathing the whole time. Tense gently, never so much that it hurts. Skip any part that is sore or injured.
tool-muscles-phase-1 = Make gentle fists with your hands
tool-muscles-phase-2 = Let your hands go loose. Notice how they feel
tool-muscles-phase-3 = Lift your shoulders toward your ears
tool-muscles-phase-4 = Drop your shoulders. Let them feel heavy
tool-muscles-phase-5 = Scrunch your face gently
tool-muscles-phase-6 = Let your face go soft
tool-muscles-phase-7 = Press your feet into the floor
tool-muscles-phase-8 = Let your feet and legs relax
tool-urge-name = Ride the wave
tool-urge-summary = Strong urges rise and fall like waves. Stay with it for a few minutes.
tool-urge-before = Notice the urge without acting on it. Where do you feel it in your body? Just watch it, like a wave.
tool-comfort-name = My comfort list
tool-comfort-summary = Things that help you feel a bit better, in your own words.
tool-comfort-before = Add anything that helps: a song, a place, a person, a snack, a smell.
done = Done
next = Next
finish = Finish
stop = Stop
tools-intro = Ways to calm your body and mind. They all work without internet.
tool-start = Start
tool-start-aria = Start { $name }
tool-favourite-on = ★ Favorite
tool-favourite-off = ☆ Favorite
tool-favourite-on-aria = ★ Favorite: { $name }
tool-favourite-off-aria = ☆ Favorite: { $name }
tool-hide = Not for me
tool-hide-aria = Not for me: { $name }
tools-put-away = Tools you put away
tool-bring-back = Bring back
tool-bring-back-aria = Bring back { $name }
tool-gone = That tool isn't here any more.
tool-thanks = Thanks for taking a moment for yourself.
tool-stopped = Stopped. That's okay. You can come back any time.
reach-out-title = Still hard? A person can help
reach-out-body = Tools don't always work, and that's okay. Talking to someone is a strong next step.
reach-out-no-people = You can add people you trust in Help, under My people.
pace = Pace
pace-in = Breathe in
pace-out = Breathe out
pace-seconds = { $label }: { $count } seconds
pace-shorter = { $label } shorter
pace-longer = { $label } longer
urge-how-long = How long
minutes-count =
    { $count ->
        [one] 1 minute
       *[other] { $count } minutes
    }
rating-before = How upset do you feel right now?
rating-after = How upset do you feel now?
back-to-tools = Back to tools
step-of = Step { $step } of { $total }
add = Add
remove = Remove
remove-aria = Remove { $what }
nothing-here-yet = Nothing here yet.
rating-hint = 0 is calm, 10 is the most upset. You can skip this.
urge-minutes-left =
    { $count ->
        [one] 1 minute left
       *[other] { $count } minutes left
    }
urge-breathe = Breathe. Notice where you feel the urge. It can rise, peak and fade, like a wave.
urge-times-up = Time's up. You stayed with it.
urge-made-it = I made it
urge-longer = A bit longer
urge-passed-question = Has the urge passed?
urge-passed = Yes, it passed
urge-not-yet = Not yet
err-comfort-long = That's a bit long. Try up to 500 characters.
comfort-add-label = Add something that helps
comfort-placeholder = Something that helps
pacer-done = All done.
pacer-round = Round { $round } of { $total }
pacer-spoken = { $label }, { $count ->
    [one] 1 second
   *[other] { $count } seconds
}
tool-quicker = Quicker count
tool-quicker-hint = If holding for 7 seconds is too long, use a quicker count: 2 in, 4 hold, 4 out.
fewer-words = Fewer words
more-words = More words
tag-add-label = Add your own tag
tag-placeholder = Add your own
tag-add = Add tag
offer-title = That sounds really hard.
offer-body = You don't have to carry it alone. Would one of these help right now?
offer-help = See who I can reach
offer-tools = Try a calming tool
ask-mentor = Let my mentor know
entry-aria = Check-in at { $time }
entry-feeling-words = Feeling words
entry-about = About
edit = Edit
delete = Delete
entry-edit-aria = Edit check-in from { $time }
entry-delete-aria = Delete check-in from { $time }
entry-share-label = your check-in from { $date } at { $time }
undo = Undo
close-message = Close this message
get-help = Get help
get-help-aria = Get help now
syncing = Updating…
sync-now = Update now
your-passcode = Your passcode
passcode-field-hint = So only you can share your things.

## Devices
no = No
code = Code
trusted = Trusted.
mentor-devices-title = Your mentor's phones and computers
mentor-devices-none = Your mentor hasn't set up a phone or computer yet. What you share will wait safely until they do.
mentor-device-code = One of { $name }'s phones or computers. Its code is
device-approved = Can read what you share.
device-declined = You said no to this one.
device-check = Is this really { $name }'s? Ask them to read you their code. Say yes only if it's the same.
device-yes-same = Yes, it's the same code
own-device-title = A new phone or computer joined as you
own-device-body = Is it yours, like a new phone? Check that it shows the same code. If you don't know it, say no. Your mentor won't trust it.
own-device-yes = Yes, it's mine
own-device-no = No, not mine
mentee-devices-title = { $name }'s device codes
mentee-devices-hint = Check these with { $name } when you can. Only what these devices sign is shown to you.
mentee-device-new = New, and none of { $name }'s devices vouched for it. Its items show as "could not verify". Trust it only if { $name } shows you this code.
mentee-device-yes = { $name } showed me this code
your-mentor = your mentor
names-and = { $first } and { $last }
sharing-intro = Everything you write stays on this phone unless you choose to share it. Shared things are locked so only your mentor's phones and computers can read them.
sharing-connected = Linked with { $program } as { $name }.
sync-title = Updates
sync-offline-shares = Offline for now. Your shares will go when you're back online.
sync-pending =
    { $count ->
        [0] Nothing waiting.
        [one] 1 change waiting to send.
       *[other] { $count } changes waiting to send.
    }
sync-conflicts =
    { $count ->
        [one] The server had a different copy of 1 shared thing, maybe from another phone. Yours was sent again, so your latest words count.
       *[other] The server had different copies of { $count } shared things, maybe from another phone. Yours were sent again, so your latest words count.
    }
kind-mood = Check-in
kind-goal = Goal
kind-safety-plan = Safety plan
kind-contact-request = Nudge
kind-terms = Reply settings
shared-title = What you share
shared-nothing = Nothing yet. Everything is just for you.
shared-with-names = , with { $names }
notes-kept-private = (notes kept private)
stop-sharing = Stop sharing
stop-sharing-aria = Stop sharing { $what }
my-safety-plan = My safety plan
your-safety-plan = your safety plan
log-title = Sharing log
log-empty = Every time you share or stop sharing, it shows here.
log-asked = asked your mentor to get in touch.
log-match-ended = { $what } became private again (the match with { $names } ended)
log-stopped = stopped sharing { $what }
log-shared-without-notes = shared { $what } with { $names } without notes
log-shared = shared { $what } with { $names }
connect-title = Connect to your mentor
connect-body = Your program gives you an invite code. You only need to do this once.
invite-code = Invite code
program-address = Program address
connecting = Connecting…
connect = Connect
preset-proud = I'm proud of you.
preset-thinking-of-you = Thinking of you.
preset-you-got-this = You've got this.
preset-thanks-for-sharing = Thanks for sharing this with me.
preset-here-for-you = That sounds hard. I'm here for you.
ack-words = I saw this. I'll be in touch.
reply-saw = { $name } saw your message.
reply-cheer = { $name } cheered a step you took: “{ $step }”
reply-cheered = Cheered “{ $step }”
err-reply-empty = Choose a kind message, or write a few words.
err-reply-long = Keep it under 280 characters.
err-reply-no-free-text = Your program asks mentors to choose one of the kind messages rather than write their own.
err-reply-preset = That isn't one of the kind messages.

## Replies
from-mentor = From your mentor
not-on-call = Mentors aren't on call. If you need someone right now, Help has people to talk to any time.
from-name = From { $name }
kept-lower = kept
kept = Kept
keep = Keep
clear = Clear
report-note = Report this note
report-note-aria = Report this note from { $name } to your program
report-sent = Sent to your program. Notes from { $name } are paused until they've looked at it.
notes-from = Notes from { $names }
let-send-notes = Let { $names } send me notes
let-see-read = Let { $names } see when I've read a note
reply-settings-hint = When you ask them to get in touch, they can always tell you they saw it. Turning notes off stops the rest; you can turn them back on any time.
you-asked = You asked your mentor to get in touch.
tell-coordinator = It's been a while. Would you like to tell { $name }, your program's coordinator? Only if you want to.
call = Call
call-name = Call { $name }
email = Email
email-name = Email { $name }
text = Text
text-name = Text { $name }
people-to-talk-to = People to talk to now
acked = You told them you saw it.
a-few-words = A few words (optional)
ack-hint = It doesn't promise anything: it tells them someone saw it.
note-sent = Sent. It goes at the next sync.
send-a-note = Send a note
send-kind-note = Send a kind note
own-words = Or in your own words (up to 280 characters)
send = Send
done-step = Done: { $step }
cheered = Cheered
cheer = Cheer
cheer-aria = Cheer: { $step }
what-you-sent = What you sent { $name }
waiting-to-send = waiting to send
seen = seen
availability-title = When you usually reply
availability-hint = Your mentees see this before they ask you to get in touch. Keep it honest: you're not on call.
in-your-words = In your words
availability-placeholder = I usually reply within a day.
availability-saved = Saved. Your mentees get it at the next sync.

## Sharing
share-just-me = Just for me
share-state-shared = Shared with { $names }
share-state-without-notes = Shared with { $names }, notes kept private
share-toggle-shared-aria = Shared: { $state }. Change who can see { $what }
share-toggle-private-aria = Private: { $state }. Change who can see { $what }
shared = Shared
private = Private
before-you-share = Before you share
read-again-privacy = You can read this again any time in Privacy.
understood-share = I understand. Share it
who-can-see-aria = Who can see { $what }
who-can-see = Who can see this?
share-with = Share with { $names }
share-with-without-notes = Share with { $names }, keep my notes private
will-see-exactly = { $names } will see exactly this:
only-you = Only you can see this.
share-later = You're not linked with a mentor yet. It will be shared once you connect in Sharing.

## Privacy
care-title-mentee = What your mentor keeps private
care-title-mentor = What you keep, and what you pass on
your-mentor-cap = Your mentor
who-title = Who can see what
who-you = You
who-you-see = Everything you write. It stays on this phone, locked with a key only this app has.
who-mentor-see = Only the things you choose to share, and only on the phones and computers you said yes to. You can stop sharing any time.
who-staff = Your program's staff
who-staff-see = That your phone is linked with your program, and when it was last in touch. Never what you write, unless your mentor has to pass something on to keep you safe (below). Your mentor will try to tell you first.
who-server = Your program's server
who-server-see = Keeps your shared things locked. It can't read them.
who-holder = Someone holding your phone
who-holder-passcode = They need your passcode. Get help still works without it.
who-holder-open = They could open this app. Set a passcode below to stop that.
who-anyone = Anyone else
who-anyone-see = No one. No ads, no trackers.
passcode-removed = Passcode removed. The app won't lock now.
passcode-changed = Passcode changed.
passcode-set = Passcode set. You'll need it to open the app.
passcode-title = Passcode
passcode-asks = The app asks for your passcode when you come back.
passcode-keeps-out = A passcode keeps anyone else from opening the app.
passcode-current = Your passcode now
passcode-new = New passcode
passcode-again = Type it again
passcode-remove = Remove passcode
passcode-change = Change passcode
passcode-do-set = Set passcode
passcode-set-a = Set a passcode
when-to-lock = When to lock
will-lock = It will lock { $when }.
lock-right-away-hint = “Right away” locks as soon as you leave the app, or after a minute with no taps.
discreet-title = Discreet mode
discreet-plain-name = Use a plain name
discreet-hint = Shows a plain name and a plain look, so the app doesn't stand out on your screen.
quick-hide-hint = Need to hide the screen fast? Tap Hide at the top, or press Esc on a keyboard. The screen goes blank at once, and the app locks if you have a passcode.
language-title = Language
language-system = My phone's language
language-own-name = English

## Duty of care
care-general-keeps = Most of what you share with your mentor stays between you. They don't pass it on to your family or your school. They may talk things over with their coordinator at the program, so they can support you well.
care-general-passes-on = A few things they must pass on to someone at the program whose job is keeping young people safe, so you can get help: if they think you or someone else could be badly hurt, or if you tell them someone has hurt you, even long ago.
care-general-not-told = They'll try to tell you first, unless telling you could put you in more danger.
back-to-goals = Back to goals
step-added = Step added.
step-removed = Step removed.
goal-check-in-saved = Check-in saved. Only you can see it.
goal-check-in-saved-shared = Check-in saved. Your mentor will see it, because you share this goal.
goal-celebrate = You did it. Take a moment to notice what you did.
goal-let-go-note = You let this goal go. That's okay: things change, and you can pick it up again any time.
goal-share-label = your goal "{ $title }"
steps = Steps
step-up-aria = Move “{ $step }” up
step-down-aria = Move “{ $step }” down
remove-quoted-aria = Remove “{ $what }”
add-a-step = Add a step
add-small-step = Add a small step
add-step = Add step
hows-it-going = How's it going?
a-note-optional = A note (optional)
save-check-in = Save check-in
this-goal = This goal
goal-marked-done = Marked as done.
goal-mark-done = Mark as done
goal-resting = Resting for now. It'll be here when you're ready.
goal-rest = Rest for now
goal-let-go-stays = Let go. It stays in your list.
goal-let-go = Let it go
goal-welcome-back = Welcome back to this goal.
goal-pick-up = Pick it back up
goal-let-go-done = Let go.
goal-active-again = This goal is active again.
goal-work-again = Work on it again
goal-let-go-hint = Letting a goal go keeps it in your list, so you can look back or pick it up again. Deleting removes it and its steps completely.
goal-delete = Delete this goal
goal-deleted = Goal deleted.
goals-intro = Goals are yours, in your own words. Small steps count.
add-a-goal = Add a goal
goals-empty = No goals yet. Whenever you're ready.
open-goal-aria = Open { $title }
goal-new = A new goal
goal-change = Change this goal
goal-what = What do you want to do?
goal-why = Why does it matter to you? (optional)
goal-first-step = What's one small first step? (optional)
goal-target = A date to aim for (optional)
save-goal = Save goal

## People
saved-name = Saved { $name }.
my-people = My people
my-people-intro = People you trust, to call or text when things are hard. Only you can see this list.
edit-name = Edit { $name }
change-details = Change details
add-someone = Add someone
name = Name
phone-number = Phone number
removed-name = Removed { $name }.
change-this-line = Change this line
edit-quoted-aria = Edit “{ $what }”
from-my-people = From My people:
add-name = Add { $name }
add-to = Add to { $section }
add-a-line = Add a line

## Crisis lines
contact-action-aria = { $action }: { $name }
contact-call = Call { $number }
contact-text-word = Text { $word } to { $number }
contact-text = Text { $number }
contact-whatsapp = WhatsApp { $number }
contact-chat = Chat online
contact-web = Website
language-english = English
language-spanish = Spanish
language-many-more-through-an-interpreter = many more through an interpreter

## Console: checking a contact
err-hours-format = Write each time like "Mon-Fri 09:00-21:00".
err-hours-clock = Write times as 24-hour clock times, like 09:00 or 21:30.
err-hours-days = Write days as Mon, Tue, Wed, Thu, Fri, Sat or Sun.
err-hours-none = Give at least one time, like "Mon-Fri 09:00-21:00".
err-hours-zone = Choose the time zone the line works in, like America/Los_Angeles.
err-hours-count = Give between 1 and 14 opening times.
err-contact-name = Give the contact a name (up to 100 characters).
err-contact-offers = Say in one sentence what they offer (up to 300 characters).
err-contact-number = Use the international form, like +15555550123, or a short code of 3 to 6 digits.
err-contact-keyword-number = A keyword needs a number to text.
err-contact-keyword = A keyword is one word of letters and digits.
err-contact-web = Web addresses must start with https:// (safe links only).
err-contact-chat = Web chat addresses must start with https:// (safe links only).
err-contact-reach = Add at least one way to reach them: a phone, a text number or a website.
err-contact-open = Say whether they are open any time or at set times.
err-contact-hours = Keep the note about hours under 100 characters.
err-contact-languages = List at least one language, separated by commas.
err-contact-checked = Give the date you last checked it, like 2026-11-01.
err-contact-checked-future = The date you checked it can't be in the future.

## Crisis lines
open-always = Open now, any time of day or night.
open-until = Open now, until { $time }.
open-until-day = Open now, until { $weekday } { $time }.
open-opens-at = Closed now. Opens at { $time }.
open-opens-day = Closed now. Opens { $weekday } at { $time }.
contact-speaks = Speaks { $languages }. Details checked { $checked }.
help-title = Get help
help-danger = If you're in danger right now, call 911.
help-text-911 = Can't talk? Text 911 where it works.
lines-now-title = People to talk to now
lines-free = Free, and they keep what you say private. If someone's life is in danger right now, they may send help.
lines-program-first = Your program's lines come first when they're open.
lines-closed-title = Not open right now
traces-title = Worried someone will see you reached out?
traces-calls = Calls show in your phone's call list, and texts stay in your messages. You can delete them there afterwards.
traces-shared = If your phone is on a family account, calls and messages can also show up on other phones, tablets or the phone bill.
traces-chat = Online chat, where a line has one, leaves less behind. Use a private tab in your browser, and close it when you're done.
traces-offline = These lines are saved on your phone, so this page works without internet.

## Help
plan-card-title = My safety plan
plan-card-body = Your own steps for hard moments, in your own words.
plan-card-shared = You share it with your mentor (change that in Sharing).
plan-card-private = Only you can see it.
plan-open = Open my safety plan
right-now-title = Right now
right-now-from-plan = From your plan:
right-now-people = Your people:
plan-intro = Fill in what feels right, whenever you like. You can change it any time.
plan-step-by-step = In a hard moment, start at the top. If a step isn't helping, go on to the next one.
plan-with-someone = It can help to fill it in with an adult you trust, like your mentor or a school counselor.
plan-lines-you-can-add = Lines you can add, open any time:
plan-add-line = Add “{ $line }”
plan-line-988 = 988 Lifeline: call or text 988
plan-line-ctl = Crisis Text Line: text HOME to 741741
plan-back = Back to Get help

## Duty of care
care-keeps-title-mentor = What you keep to yourself
care-keeps-title = What your mentor keeps private
care-passes-title-mentor = What you must pass on
care-passes-title = What your mentor has to pass on
care-usual-rules = These are the usual rules. Your program may add its own.
mentor-care-title = If you're worried about a mentee
mentor-care-coordinator = Your coordinator:
mentor-care-no-coordinator = Call your program's coordinator. If you think someone is in danger right now, call 911.
mentor-care-steps = What to do
mentor-care-raise = To pass something a mentee shared to { $team }, open it and choose “Raise a concern”. Only they can read it. Never screenshot or forward it.

## Let my mentor know
nudge-title = Let my mentor know
nudge-body = Send your mentor a quiet nudge to get in touch. Nothing else is sent with it.
nudge-availability = { $name }: “{ $text }”
nudge-not-on-call = It's not for emergencies: your mentor isn't on call and may not see it for a while. For right now, call or text one of the lines above.
nudge-sent = Sent. Your mentor will see it next time they open the app.
nudge-confirm-q = Send it now?
nudge-confirm = Yes, send it

## Lock screen
forgot-title = Forgot your passcode?
forgot-only-key = Your passcode is the only key to what's saved here. Nobody can look it up, not your mentor, not your program, not us. That's what keeps it private.
forgot-start-fresh = If you can't remember it, you can start fresh. That erases everything saved in { $app } on this phone. Things you already shared stay with your mentor until you or your program remove them.
keep-trying = Keep trying
erase-start-fresh = Erase and start fresh
welcome-back = Welcome back
unlock = Open
go-back = Go back
mentor-passcode-title = Set a passcode first
mentor-passcode-why = You'll hold what young people chose to share with you. A passcode keeps it safe if someone else picks up this device.

## When the app can't open
startup-title = We couldn't open your things just now
startup-nothing-erased = Nothing was erased. Everything you saved is still here.
startup-try-again = Try again
startup-still-closed = Still not open. Wait a moment, then try again.
startup-what-to-do = If it keeps happening
startup-steps = Restart your phone, then open { $app } again. If it still won't open, tell the person who runs your program. Don't delete the app: that would erase what you saved.
startup-help-works = Get help works even when nothing else opens.
startup-no-folder = Your phone didn't let the app reach its own storage.
link-failed-number = Couldn't open that here. You can still call or text { $number } from any phone.
link-failed-other = Couldn't open that here. The address is { $target }

## Raise a concern
concern-passed-told = You passed this on to { $team } on { $date }. { $name } was told.
concern-passed-not-told = You passed this on to { $team } on { $date }. { $name } wasn't told, as the program's policy allows.
concern-raise = Raise a concern
concern-raise-aria = Raise a concern about this, to { $team }
concern-sent-told = Passed on to { $team }. { $name } will see that in their sharing log.
concern-sent-not-told = Passed on to { $team }. { $name } wasn't told, and the concern says why.
concern-explain = This passes this one thing to { $team }, so they can help { $name }. It's locked so only they can read it.
concern-why = Why are you worried?
concern-tell-q = Will { $name } be told?
concern-tell-yes = Yes: they'll see it in their sharing log (the usual way)
concern-tell-no = Not now: telling them could put them at risk
concern-policy = Your program's policy: { $policy }
concern-why-not = Why not? (this goes with the concern)
concern-send = Pass it on to { $team }

## My data
my-data-title = My data
export-saved = Saved a copy. These files aren't locked: anyone who opens them can read them.
export-kept-here = The copy is saved inside this app's own folder on this phone. Moving it to another app is coming in a later version.
deleted-all = Everything is deleted. The app is fresh and empty.
export-intro = Save a copy of everything you wrote, and your check-ins as a spreadsheet.
export = Save a copy
download-file = Download { $file }
import-title = Bring back a saved copy
import-hint = Adds anything that isn't here already. New things that come back are just for you.
import-result =
    { $count ->
        [0] Everything in that copy is already here.
        [one] Brought back 1 thing.
       *[other] Brought back { $count } things.
    }
import = Bring back
delete-title = Delete everything
delete-question = Delete everything? This can't be undone.
delete-explain = This erases everything in the app on this phone.
delete-explain-connected = This erases everything in the app on this phone, and asks your program's server to delete your copies there. What you shared will disappear from your mentor's phones and computers the next time they update.
delete-keeps-safeguarding = One thing stays: if your mentor or you ever told the program about something to keep you safe, the program keeps that note. It's locked so only the people at your program whose job is keeping young people safe can read it. Your coordinator can tell you more.
keep-my-data = Keep my data
deleting = Deleting…
delete-confirm = Yes, delete everything
delete-device-only = Delete from this phone only
delete-all = Delete all my data
chart-how-to-read = Each bar runs from the lowest to the highest check-in that day; the dot is the middle.

## Problems while sharing and connecting
err-connect-first = Connect to your program first.
err-no-report-inbox = Your program hasn't set up a way to report notes yet. You can talk to your coordinator.
err-program-key-damaged = Your program's key is damaged. Talk to your coordinator.
err-note-gone = That note isn't here any more.
err-note-unchecked = That note could not be checked, so it can't be reported.
err-try-again = Something went wrong. Try again.
err-report-seal = The report couldn't be locked for sending. Try again.
err-offline-not-sent = You're offline, so it wasn't sent. Try again when you're connected.
err-mentor-only-reply = Only a mentor's device can reply.
err-mentee-unknown = This mentee's phone isn't known to this device yet. Tap Update now, then try again.
err-note-seal = The note couldn't be locked for sending. Try again.
compose-paused = Notes to { $name } are paused while your program looks at something. They'll be in touch.
compose-off = { $name } has turned replies off for now. That's their choice; you'll see here when it changes.
err-not-connected = This app isn't linked with a program.
err-key-not-kept = The program's key couldn't be saved on this device. Close the app, open it again, and try once more.
err-directory-refused = The crisis lines your program sent couldn't be checked, so the ones already on this phone stay. Tell your coordinator.
import-nothing-changed = Nothing was imported, and nothing here changed.
err-import-open = The app couldn't open that file.
err-import-too-big = That file is too big to be an export from this app.
err-import-read = The app couldn't read that file.
err-import-cut-off = This export stops part way through. It may have been cut off while copying.
err-import-not-export = This isn't an export from this app.
err-import-newer = This export was made by a newer version of the app. Update it, then try again.
err-import-missing = This export is missing its entries.
err-import-unknown-part = This file has a part this app doesn't know ({ $part }). Nothing was imported.
err-import-shape = Part of this file ({ $part }) isn't in the shape this app writes. Nothing was imported.
err-import-rules = Some entries in this file ({ $part }) break this app's rules, so it may be damaged. Nothing was imported.
err-delete-offline = The app couldn't reach your program, so nothing was deleted yet. Try again when you're online, or delete from this phone only.
err-program-address = That program address doesn't look right. It should start with https:// (your program can tell you the exact one).
err-already-connected = This app is already linked with a program.
err-mentor-only-concern = Only a mentor's device can raise a concern.
err-concern-reason-empty = Say in a few words why you're worried.
err-concern-reason-long = Keep the reason under 500 characters.
err-concern-why-not = Say why the mentee isn't told, as your program's policy puts it (under 500 characters).
err-no-safeguarding = Your program hasn't set up its safeguarding inbox yet. Call your coordinator.
err-safeguarding-key-damaged = Your program's safeguarding key is damaged. Call your coordinator.
err-mentee-unpaired = That mentee isn't paired with you any more.
err-item-unshared = That item isn't shared with you any more.
err-sync-once-more = Tap Update now once more, then try again.
err-item-unverified = That item could not be verified, so it can't be passed on.
err-item-unreadable = That item could not be read.
err-concern-seal = The concern couldn't be locked for sending. Try again.
err-offline-concern = You're offline, so it wasn't sent. Try again when you're connected, or call your coordinator now.

## Staff console
con-please-sign-in = Please sign in
con-signed-out = You're signed out, or your session ended. Sign in to continue.
con-form-expired = That form had expired
con-form-expired-body = For your safety the form was not sent. Go back, reload the page and try again.
con-too-much = That was too much
con-too-much-body = The form was bigger than the console accepts, so nothing was saved.
con-didnt-work = That didn't work
con-unreadable = The form could not be read. Reload the page and try again.
con-sign-in-again = For your safety that form was not sent. Please sign in again.
con-too-many-tries =
    Too many wrong tries. For safety, signing in is paused for about { $minutes ->
        [one] a minute
       *[other] { $minutes } minutes
    }. If this wasn't you, tell your program's administrator.
con-sorry = Sorry
con-sign-in-failed = Signing in failed. Try again soon.
con-no-match = That name and password don't match. Check them and try again.
con-app-name = Steady · Staff
con-nav = Console
con-nav-home = Home
con-nav-people = People
con-nav-directory = Crisis contacts
con-nav-care = Duty of care
con-nav-safeguarding = Safeguarding
con-nav-audit = Audit log
con-signed-in-as = Signed in as { $name }
con-sign-out = Sign out
con-title-suffix = { $title } · Steady staff
con-sign-in = Sign in
con-your-name = Your name
con-password = Password
con-at-a-glance = The program at a glance
con-mentees-enrolled = Mentees enrolled
con-mentors-enrolled = Mentors enrolled
con-active-7 = Mentees active in the last 7 days
con-active-30 = Mentees active in the last 30 days
con-invites-waiting = Invites waiting to be used
con-replies-30 = Replies from mentors in the last 30 days
con-shown-from-10 = Shown from 10 mentees
con-no-content = Steady never shows entry content here: the server can't read what mentees share.
con-audit-intro = Every staff action, newest first. It can't be edited.
con-go-sign-in = Go to sign in
con-utc = { $date } { $time } UTC
date-day-month-year = { $day } { $month } { $year }
con-people = People
con-invite-for = Invite for { $name }
con-invite-give = Give this code to { $name }. It works once, until { $date }. It is only shown now: if it gets lost, make a new one from their card below.
con-invite-code = Invite code
con-copy-code = Copy code
con-qr = QR code for the invite code { $code }
con-invite-someone = Invite someone
con-they-are = They are a
con-role-mentee = mentee
con-role-mentor = mentor
con-first-name = Their first name (mentors see the mentee's)
con-create-invite = Create invite
con-pair-title = Pair a mentee with a mentor
con-mentee = Mentee
con-mentor = Mentor
con-pair = Pair them
con-everyone = Everyone
con-last-synced-day = Last synced is shown to the day: enough to see a phone has stopped syncing, and no more.
con-person-title = { $name } · { $role }
con-invite-waiting = Invite waiting: works until { $date }.
con-invite-ran-out = Invite ran out on { $date }.
con-no-device = No device, and no invite waiting.
con-new-code-aria = Make a new code for { $name }
con-new-code = Make a new code
con-cancel-invite-aria = Cancel invite for { $name }
con-cancel-invite = Cancel invite
con-devices = Devices
con-device-added = Added { $date }.
con-device-synced = Last synced { $date }.
con-device-not-synced = Not synced since.
con-device-removed = Removed.
con-remove-device-aria = Remove this device: { $name }'s, added { $date }
con-remove-device = Remove this device
con-paired-with = Paired with
con-end-match-hint = Ending a match deletes what the mentee shared from the mentor's devices at their next sync, and tells the mentee. A new mentor starts with nothing until the mentee shares.
con-end-match-aria = End match: { $mentee } and { $mentor }
con-end-match = End match
con-deactivate-aria = Deactivate { $name }
con-deactivate = Deactivate
con-choose-role = Choose mentee or mentor.
con-first-name-rule = Give a first name of up to 60 characters.
con-invite-failed = The invite could not be made. Try again.
con-person-gone = Nothing was changed: that person isn't here any more.
con-new-code-failed = The new code could not be made. Try again.
con-deactivate-q = Deactivate { $name }?
con-deactivate-explain = Everything the server holds for { $name } is deleted: their devices stop syncing, and their pairings and shared items go. Their phone keeps its own data. Concerns raised about them stay in the safeguarding inbox. This can't be undone.
con-deactivate-yes = Yes, deactivate { $name }
con-go-back = No, go back
con-not-found = Not found
con-nothing-here = There is nothing here.
con-maybe-done = Nothing was changed: it may have been done already.
js-copied = Copied.
js-passphrase-short = Use a passphrase of at least 16 characters: a few words you will remember.
js-passphrase-mismatch = The two passphrases aren't the same.
js-no-crypto = This browser cannot do the cryptography the inbox needs. Try a current browser.
js-key-failed = The key could not be made in this browser: { $why }
js-check-in = Check-in: { $feeling } ({ $level } of 5)
js-feelings = Feelings: { $list }
js-about = About: { $list }
js-note = Note: { $text }
js-goal = Goal: { $text }
js-why = Why: { $text }
js-done = Done: { $text }
js-step = Step: { $text }
js-goal-check-in = Check-in: { $text }
js-safety-plan = Safety plan
js-asked = Asked their mentor to get in touch.
js-cheered = Cheered a step: { $text }
js-saw = Saw their message.
js-unknown = An item this console does not know how to show.
js-wrong-passphrase = That passphrase doesn't open the inbox. Nothing was shown.
js-older-key = Sealed to an older key this passphrase does not open.
js-reported = The note { $mentee } reported
js-worried = Why { $mentor } is worried
js-shared = What { $mentee } shared
js-unverified = Could not verify this against { $author }'s own signature: { $why }.
js-verified-device = Checked: this is exactly what { $author }'s device signed.
js-verified-phone = Checked: this is exactly what { $author }'s phone signed.
js-sent-from = Sent from { $name }'s device (signature checked).
js-sender-mismatch = The sending device's signature does not match.
js-not-told = { $mentee } was not told, because: { $why }
js-cannot-open = This concern could not be opened with that passphrase.
js-opened-one = Opened 1 concern in this browser. Close the tab when you are done.
js-opened-many = Opened { $count } concerns in this browser. Close the tab when you are done.
audit-signed-in = signed in
audit-signed-out = signed out
audit-raised-a-concern = raised a concern
audit-reported-a-note = reported a note
audit-published-the-crisis-contacts = published the crisis contacts
audit-invited-a-mentee = invited a mentee
audit-invited-a-mentor = invited a mentor
audit-made-a-new-invite-code = made a new invite code
audit-changed-the-duty-of-care-statement = changed the duty of care statement
audit-set-up-the-safeguarding-inbox = set up the safeguarding inbox
audit-opened-the-safeguarding-inbox = opened the safeguarding inbox
audit-marked-a-concern-handled = marked a concern handled
audit-added-a-staff-account = added a staff account
audit-edited-a-crisis-contact = edited a crisis contact
audit-added-a-crisis-contact = added a crisis contact
audit-added-a-national-line = added a national line
audit-moved-a-crisis-contact-up = moved a crisis contact up
audit-moved-a-crisis-contact-down = moved a crisis contact down
audit-removed-a-crisis-contact = removed a crisis contact
audit-paired = paired
audit-ended-a-match = ended a match
audit-removed-a-device = removed a device
audit-cancelled-an-invite = cancelled an invite
audit-deactivated-a-person = deactivated a person
audit-detail-concern-told = about { $mentee }; they were told
audit-detail-concern-not-told = about { $mentee }; they were not told (the reason is in the concern)
audit-detail-reported = from { $mentor }; their notes are paused
audit-detail-safeguarding-only = who raised it and who it is about are shown to safeguarding staff only
audit-detail-version = version { $version }
audit-detail-paired = { $mentee } with { $mentor }
audit-detail-unpaired = { $mentee } from { $mentor }
audit-who-mentor = { $name } (mentor)
audit-who-mentee = { $name } (mentee)
audit-who-someone = Someone
js-why-not-item = the envelope is not the item it says it is
js-why-signature = the signature does not match
js-why-not-enrolled = it was not signed by a device the program enrolled for them
js-why-devices-gone = their devices are no longer on the server (they deleted their data or left the program), so it can't be checked here
js-why-key = the key does not belong to this envelope
js-why-differs = the item differs from what the mentee signed
con-edit-contact = Edit contact
con-add-a-contact = Add a contact
con-national-title = National lines you can add
con-national-explain = Phones never show these unless you add them. Adding one puts it in your list above, where you can check and change it. Phones get it when you publish.
con-national-add = Add { $name }
con-national-in-list = Already in your list.
con-f-name = Name
con-f-offers = What they offer
con-f-offers-hint = One plain sentence.
con-f-offers-es = What they offer, in Spanish (optional)
con-f-es-hint = Phones set to Spanish show this; empty shows the English.
con-f-phone = Phone
con-f-phone-hint = International form (+15555550123) or a short code like 988.
con-f-text-number = Text number
con-f-keyword = Keyword to text (optional)
con-f-chat = Web chat (optional)
con-f-https = Starts with https://
con-f-web = Website (optional)
con-f-when-open = When they're open
con-f-always = Any time, day or night
con-f-set-times = At set times
con-f-time-zone = Their time zone (for set times)
con-f-choose-zone = Choose a time zone
con-zone = { $words } ({ $zone })
con-zone-eastern = Eastern
con-zone-central = Central
con-zone-mountain = Mountain
con-zone-arizona = Arizona
con-zone-pacific = Pacific
con-zone-hawaii = Hawaii
con-f-times = Set times
con-f-times-hint = Like: Mon-Fri 09:00-21:00, Sat 10:00-16:00 (24-hour clock; a time past midnight, like 20:00-02:00, is fine).
con-f-hours = Anything else about hours (optional)
con-f-hours-hint = Like: Closed on public holidays.
con-f-hours-es = Anything else about hours, in Spanish (optional)
con-f-languages = Languages
con-f-commas = Separated by commas.
con-f-regions = Regions (optional)
con-f-regions-hint = Separated by commas; empty means everywhere.
con-f-checked = Last checked
con-f-checked-hint = A date like 2026-11-01.
con-save-changes = Save changes
con-add-contact = Add contact
con-directory = Crisis contacts
con-phones-have = Phones have version { $version }. Changes here reach them when you publish.
con-nothing-published = Nothing is published yet: phones show Steady's built-in contacts.
con-fix-fields = Please fix the highlighted fields. Nothing was saved yet.
con-yours = Your program's contacts
con-no-contacts = No contacts yet. Add the first one below.
con-stale = Not checked for over 180 days: please check it's still right.
con-edit-name = Edit { $name }
con-move-up = Move up
con-move-down = Move down
con-remove = Remove
con-action-on = { $action }: { $name }
con-publish-explain = Publishing signs these contacts with the program's key. Phones take them at their next sync and keep them offline.
con-publish = Publish to phones
con-as-phone = As a phone shows them right now
con-order-explain = Lines open any time come first, then the ones open now, then closed ones. 988, the Crisis Text Line, The Trevor Project and 911 are always on phones; a contact with one of their names is left out.
con-contact-gone = That contact isn't in the list any more.
con-national-unknown = That isn't one of the national lines offered here.
con-unknown-change = Unknown change.
con-nothing-to-publish = Nothing to publish
con-nothing-to-publish-body = Add at least one contact, or write the duty of care statement, first.
con-published = Published version { $version }. Phones get it at their next sync.
con-not-published = Not published
con-publish-not-ours = The newest version on the server doesn't carry your program's signature: someone changed the server's database. Nothing was published, and phones keep the version they have. Ask whoever runs the server to look at it.
con-saving-failed = Saving failed. Try again.
con-publish-failed = The contacts could not be signed and published, so phones keep the version they have. Try again; if it keeps happening, the server log says why.
err-care-missing = Say what a mentor keeps private, and what they must pass on.
err-care-too-long = Keep each part under 1,000 characters.
err-care-bad-phone = The coordinator's phone number can't be dialled. Use the international form, like +15555550123.
err-care-bad-email = The coordinator's email address doesn't look right.
err-care-steps = Give at most 10 steps, each under 1,000 characters.
err-care-bad-key = The safeguarding inbox's key is damaged. Set the inbox up again.
err-care-reply-time = Give the hours a request may wait as a number from 1 to 336 (two weeks), or leave it empty.
con-care-intro = What you write here goes to every phone with the crisis contacts, signed with the program's key. Mentees read it before their first share and on their Privacy page; mentors read it in their Help, even offline.
con-phones-show-title = What phones show now
con-phones-show-published = Your program's statement, as last published:
con-phones-show-general = You haven't published a statement yet, so phones show the usual one:
con-confidentiality = Confidentiality
con-keeps = What a mentor keeps private
con-keeps-hint = In words a 12-year-old reads easily.
con-passes-on = What a mentor must pass on, and to whom
con-not-told = When a mentee might not be told first (optional)
con-not-told-hint = Mentors see this when they choose not to tell a mentee.
con-in-spanish = In Spanish
con-in-spanish-hint = Phones set to Spanish show these; a part left empty shows the English.
con-keeps-es = What a mentor keeps private, in Spanish
con-passes-on-es = What a mentor must pass on, in Spanish
con-not-told-es = When a mentee might not be told first, in Spanish
con-escalation-es = What a worried mentor does, in Spanish, one step per line
con-for-mentors = For mentors
con-coordinator-name = Coordinator's name
con-coordinator-phone = Coordinator's phone
con-coordinator-email = Coordinator's email
con-escalation = What a worried mentor does, one step per line
con-replies = Replies from mentors
con-free-text = Mentors may write notes in their own words (up to 280 characters), not only the kind messages
con-reply-hours = Hours a mentee's “let my mentor know” may wait before they're offered to tell the coordinator (optional)
con-save = Save
con-publish-care = Publishing sends this with the crisis contacts. Phones take it at their next sync.
con-review-publish = Review and publish
con-not-saved = That could not be saved.
con-care-saved = Saved. Publish to send it to phones.
con-safeguarding-only = Safeguarding staff only
con-safeguarding-only-body = Only the program's safeguarding staff can open this. Ask your program's administrator if you should be one.
con-inbox = Safeguarding inbox
con-inbox-goes-to = Concerns go to { $name }. Each is locked so only this inbox's passphrase opens it, in this browser. The server can't read them.
con-inbox-passphrase = Your passphrase
con-open-concerns = Open concerns
con-no-concerns = No concerns yet.
con-publish-changed = Something in what would be published changed since this page was shown, so nothing was published. Look it over again below, then publish.
con-publish-coordinator = Also published: the coordinator, { $name }, { $phone }.
con-publish-inbox = Also published: concerns go to { $name }.
con-inbox-showing = { $first }–{ $last } of { $total }, those not yet handled first.
con-inbox-pages = Pages of the inbox
con-inbox-previous = Previous page
con-inbox-next = Next page
con-report-title = Report from { $mentee } about a note from { $mentor }
con-report-paused = { $mentor }'s notes to { $mentee } are paused until this is marked handled.
con-concern-title = About { $mentee }, from { $mentor }
con-concern-told = { $mentee } was told it was passed on.
con-concern-not-told = { $mentee } was not told. Open it to read why.
con-handled-by = Handled by { $name }, { $when }.
con-mark-handled-aria = Mark as handled: about { $mentee }, { $when }
con-mark-handled = Mark as handled
con-setup-title = Set up the safeguarding inbox
con-setup-1 = Mentors raise concerns from the app. Each is locked on the mentor's phone so only this inbox can open it.
con-setup-2 = This browser makes the inbox's key. It is locked for each safeguarding lead with their own passphrase, never a shared one: yours first. The server keeps only locked keys, so nobody can open a concern without a lead's passphrase. If one lead forgets theirs or leaves, another lead can still open the inbox.
con-setup-contact = Who concerns go to, as mentors see it
con-setup-placeholder = Dana Lee, safeguarding lead
con-setup-passphrase = Passphrase (at least 16 characters)
con-setup-again = Type it again
con-setup-button = Set up the inbox
con-inbox-shared-hint = Concerns from before each lead had their own passphrase open with the old shared one.
con-leads-title = Safeguarding leads
con-leads-intro = Each lead opens the inbox with their own passphrase. A lead who can open it gives a new lead access. Before you do, ask them to open the inbox with their passphrase and read you the key code it shows them. Check it matches the one here.
con-leads-you = (you)
con-lead-no-passphrase = { $name } hasn't chosen a passphrase yet.
con-lead-not-vouched = This key can't be trusted: the program didn't confirm it. Nobody will be asked to give it access. They can choose a new passphrase.
con-lead-fingerprint = Key code: { $fingerprint }
con-lead-has-access = Can open the inbox.
con-lead-waiting = { $name } is waiting for access.
con-give-access = Give access
con-give-access-aria = Give access: { $name }
con-remove-lead = Remove as a lead
con-remove-lead-aria = Remove as a lead: { $name }
con-add-lead = Add a safeguarding lead
con-add-lead-button = Add as a lead
con-leads-removed-hint = Removing a lead takes away their role and their access here. If they might have kept a copy of the inbox key, make a new inbox key below: new concerns then go to it.
con-lead-key-title = Choose your own passphrase
con-lead-key-body = Each safeguarding lead has their own passphrase. Choose yours here. Then a lead who can open the inbox gives you access. Nobody can recover a lost passphrase, but another lead can give you access again.
con-lead-key-again-title = Choose a new passphrase
con-lead-key-again-body = Your old passphrase stops working, and so does your access. Another lead then gives you access again. If no other lead can open the inbox, don't do this: the concerns in it could not be opened.
con-lead-key-button = Save my passphrase
con-lead-forgot = Forgot your passphrase?
con-new-inbox-key = Make a new inbox key
con-new-inbox-key-body = New concerns then go to the new key. Concerns already here still open as before. Every lead with a passphrase gets access to the new key.
con-not-given = Access not given
con-not-given-body = That didn't come through whole, or it was for a key this program didn't set up. Nothing changed. Open the inbox again and try once more.
con-lead-not-found = That person isn't on the list any more. Nothing changed.
con-lead-last-title = Not removed
con-lead-last-body = Nobody else can open the inbox yet. Give another lead access first, then remove { $name }.
js-fingerprint = Key code: { $fingerprint }
js-no-own-key = Choose your own passphrase first.
js-no-access-yet = Your passphrase works, but nobody has given you access yet. Ask another lead. Read them your key code: { $fingerprint }
js-open-first = Open the inbox first, with your passphrase.
audit-chose-their-own-safeguarding-passphrase = chose their own safeguarding passphrase
audit-chose-a-new-safeguarding-passphrase = chose a new safeguarding passphrase
audit-gave-access-to-the-safeguarding-inbox = gave access to the safeguarding inbox
audit-added-a-safeguarding-lead = added a safeguarding lead
audit-removed-a-safeguarding-lead = removed a safeguarding lead
con-lead-key-kept-title = Passphrase not changed
con-lead-key-kept-body = Nobody else can open the inbox yet, so a new passphrase would lock it for good. Give another lead access first.
js-own-code = Your key code: { $fingerprint }
con-setup-contact-rule = Say who concerns go to, in up to 100 characters.
con-setup-no-key = The key didn't come through. This page needs JavaScript and a current browser.
con-not-set-up = Not set up
con-key-in-use = That key is already in use. Nothing changed.
con-maybe-marked = Nothing was changed: it may have been marked already.
server-item-too-large = This is too long to share. It's still saved on your phone. Try making it shorter.
server-unsupported-protocol = This app is older than your program's server. Update it to keep sharing.
server-unauthorized = This app isn't linked with your program any more. Ask your program for a new invite code.
con-command-line = the command line
