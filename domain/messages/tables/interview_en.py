"""Messages of the interview and the assistant's screens, in English."""

EN: dict[str, str] = {
    # --- header -------------------------------------------------------------------------------
    "field.header.project_name.label": "Project name",
    "field.header.project_name.prompt": "What is the project name?",
    "field.header.project_name.help": "The project name in the form header: the full name, as in the approval document.",
    "field.header.department.label": "Supervising department",
    "field.header.department.prompt": "Which is the supervising department?",
    "field.header.department.help": "The project's supervising department (主管部门, the first-level budget unit). "
    "If unsure, leave it empty for now: press enter to skip.",
    "field.header.implementer.label": "Implementing unit",
    "field.header.implementer.prompt": "Which unit implements the project?",
    "field.header.implementer.help": "The unit that carries out the project (实施单位). Fill it in even when it is the "
    "supervising department. May be left empty: press enter to skip.",
    "field.header.project_amount.label": "Project amount",
    "field.header.project_amount.prompt": "What is the project amount, in yuan?",
    "field.header.project_amount.help": "The total amount of the project (yuan); it may span several years. "
    "Write 400000, 40万 or 400,000. May be left empty.",
    "field.header.project_amount.placeholder": "e.g. 400000 or 40万",
    "field.header.year.label": "Year",
    "field.header.year.prompt": "Which year is this self-evaluation for?",
    "field.header.year.help": "The budget year evaluated, e.g. 2020. May be left empty.",
    "field.header.year.placeholder": "e.g. 2020",
    # --- funds --------------------------------------------------------------------------------
    "funds.row.total": "Total annual funds",
    "funds.row.fiscal": "Current-year fiscal appropriation",
    "funds.row.carryover": "Carry-over from last year",
    "funds.row.other": "Other funds",
    "funds.column.initial_budget": "Initial budget",
    "funds.column.annual_budget": "Annual budget",
    "funds.column.executed": "Spent",
    "field.funds.amount.label": "{source} · {column}",
    "field.funds.amount.prompt": "{source} · {column}: how many yuan?",
    "field.funds.amount.placeholder": "e.g. 360000 or 36万",
    "field.funds.initial_budget.help": "The initial budget (年初预算数): the budget approved at the start of the year "
    "(yuan). Write 360000, 36万 or 360,000.",
    "field.funds.annual_budget.help": "The annual budget (全年预算数): the budget after adjustments (yuan); the "
    "execution rate is measured against it. Press enter if it equals the initial budget.",
    "field.funds.executed.help": "Spent (全年执行数): what was actually spent in the year (yuan). "
    "Execution rate = spent ÷ annual budget.",
    "field.funds.source.help": "{source} · {column} (yuan). Press enter to take the number in brackets: the total "
    "minus the sources already entered.",
    "field.funds.sources.label": "Sources of funds",
    "field.funds.sources.prompt": "Where do the funds come from?",
    "field.funds.sources.help": "Total annual funds are split into three sources: current-year fiscal appropriation, "
    "carry-over from last year and other funds; the three must add up to the total. "
    'If all of it comes from one source, pick one of the first three options and the other two count as 0; '
    'otherwise pick "Enter each of the three sources".',
    "choice.sources.fiscal": "All current-year fiscal appropriation (the other two are 0)",
    "choice.sources.carryover": "All carry-over from last year (the other two are 0)",
    "choice.sources.other": "All other funds (the other two are 0)",
    "choice.sources.split": "Enter each of the three sources",
    "field.funds.weight.label": "Execution rate weight",
    "field.funds.weight.prompt": "What weight does the budget execution rate carry?",
    "field.funds.weight.help": "The weight of the budget execution rate, usually {usual}. "
    "Score = weight × execution rate (the rate counts at most 100%). "
    "All weights (execution rate plus every indicator) should add up to 100.",
    "field.funds.reason.label": "Reason for the low execution rate",
    "field.funds.reason.prompt": "The execution rate is only {rate}, below {floor}%: what is the reason?",
    "field.funds.reason.help": "An execution rate below {floor}% needs the reason and the remedy.",
    # --- goals --------------------------------------------------------------------------------
    "field.goals.expected.label": "Expected goal",
    "field.goals.expected.prompt": "Overall annual goal: what was expected?",
    "field.goals.expected.help": "The overall annual goal set at the start of the year, as in the performance goal "
    "application form (绩效目标申报表).",
    "field.goals.achieved.label": "What was achieved",
    "field.goals.achieved.prompt": "Overall annual goal: what was actually achieved?",
    "field.goals.achieved.help": "Against the expected goal, state what was actually achieved in the year.",
    # --- indicator rows -----------------------------------------------------------------------
    "row.title": "Row {number}",
    "row.title.named": 'Row {number} "{name}"',
    "field.level1.label": "Level-1 indicator",
    "field.level1.prompt": "{title}: which level-1 indicator?",
    "field.level1.help": "Level-1 indicators (一级指标): output, benefit and satisfaction indicators; forms filled in "
    "under Caiyu [2021] No. 101 (财预〔2021〕101号) also have cost indicators.",
    "field.level2.label": "Level-2 indicator",
    "field.level2.prompt": "{title}: which level-2 indicator under {level1}?",
    "field.level2.help": "Level-2 indicators (二级指标) are listed by level-1 indicator. For an unused level-2 "
    "indicator, write * as the level-3 indicator, with weight 0.",
    "field.name.label": "Level-3 indicator",
    "field.name.prompt": "{title}: what is the name of the level-3 indicator?",
    "field.name.help": "The name of the level-3 indicator (三级指标). The catalogue suggests names as you type "
    "(Chinese characters, full pinyin or pinyin initials). "
    "When you pick a name from the catalogue, the catalogue sets the scoring direction. "
    "Write * if this level-2 indicator is not used.",
    "field.name.placeholder": "e.g. 设备故障率, or pinyin sbgzl",
    "field.catalogue.label": "Catalogue entry",
    "field.catalogue.prompt": 'Which catalogue entry matches "{name}"?',
    "field.catalogue.help": "The name does not exactly match the catalogue (指标库). Pick the matching entry and the "
    "catalogue sets the direction and unit; "
    "pick 0 to keep the name as written, and the direction then comes only from the wording of the target.",
    "choice.catalogue.none": "No catalogue entry (keep the name as written)",
    "choice.catalogue.entry": "{name} ({level2}, {direction}{unit})",
    "choice.catalogue.unit": ", unit {unit}",
    "field.target_text.label": "Target",
    "field.target_text.prompt": "{title}: what is the target?",
    "field.target_text.help": "The target (年度指标值) as written on the form; the comparison may come before or after "
    "the value: ≥95%, 不少于100个, 72小时之内, ≤10%, "
    "2023年12月前, 满意. ≥ / 以上 / 不少于 mean positive (higher is better); ≤ / 以内 / 不高于 mean reverse "
    "(lower is better).",
    "field.target_text.placeholder": "e.g. ≥95%, 100个, 72小时之内, 满意",
    "field.target_text.example": "Common: {example}",
    "field.actual_text.label": "Actual",
    "field.actual_text.prompt": "{title}: what is the actual value?",
    "field.actual_text.help": "The actual (实际完成值): the value achieved in the year, in the same unit as the "
    "target; for qualitative indicators write 满意 / 基本满意 / 有效 etc.",
    "field.actual_text.placeholder": "e.g. 97%, 120个, 满意",
    "field.weight.label": "Weight",
    "field.weight.prompt": "{title}: what is its weight? ({left} left)",
    "field.weight.help": "This row's weight (分值). The execution rate plus all indicators should weigh 100 in total; "
    "usually output indicators 50, benefit indicators 30 and satisfaction indicators 10.",
    "field.weight.placeholder": "e.g. 20",
    "field.direction.label": "Scoring direction",
    "field.direction.prompt": "{title}: which way is it scored?",
    "field.direction.help": "The wording of the target and the catalogue disagree on this indicator's direction, "
    "so please confirm: "
    "positive means higher is better (full score when the target is reached), reverse means lower is better "
    "(full score when the target is not exceeded).",
    "choice.direction.positive": "Positive (higher is better)",
    "choice.direction.reverse": "Reverse (lower is better)",
    "choice.direction.equal": "Equal to the target (scored as positive)",
    "field.judged_score.label": "Judged score",
    "field.judged_score.prompt": "{title} must be judged: what score? (between {low} and {high})",
    "field.judged_score.help": "This row cannot be scored by formula; judge it by the actual results, with a score "
    "between {low} and {high}.",
    "field.judged_score.prompt_default": "{title}: you may judge a score between {low} and {high}; if you do not, "
    "it takes the top of the range, {default}",
    "field.judged_score.help_default": "When a qualitative indicator is met, the score defaults to the top of the "
    "range, {default}; to judge it by the actual results, "
    "enter a score between {low} and {high}.",
    "field.deviation_reason.label": "Reason for the shortfall",
    "field.deviation_reason.prompt": "{title}{why}: what is the reason for the shortfall, and the remedy?",
    "field.deviation_reason.help": "An indicator that lost points or was exceeded (≥120%) needs the reason for the "
    "shortfall or excess (偏差原因) and the remedy.",
    "reason.lost": " lost {lost} points",
    "reason.overachieved": " exceeded the target",
    # --- loop and review ----------------------------------------------------------------------
    "field.loop.more.label": "Add another indicator",
    "field.loop.more.prompt": "Are there more indicators?",
    "field.loop.more.help": 'Answer "Yes" to add the next indicator row, "No" to go on to the check.',
    "field.review.save.label": "Check and save",
    "field.review.save.prompt": "All correct? Save?",
    "field.review.save.help": 'Look over the total and the notes before saving. Answer "No" to go back and '
    "change anything.",
    "choice.yes": "Yes",
    "choice.no": "No",
    # --- events -------------------------------------------------------------------------------
    "interview.greeting": "Filling in the project expenditure performance self-evaluation form. A draft is saved "
    "after every answer.",
    "interview.editing": 'Editing "{name}": press enter to keep the previous answer.',
    "interview.resumed": 'Continuing "{name}": all {count} answers are kept.',
    "interview.untitled": "Untitled project",
    "interview.done": "Form complete: total {total}{grade}.",
    "interview.done.grade": ', grade "{grade}"',
    "interview.undone": 'The answer to "{label}" was undone.',
    "interview.nothing_to_undo": "There is no answer to undo.",
    "interview.first_field": "This is already the first item.",
    "interview.jump_unknown": 'There is no item "{field}", or it does not apply now.',
    "interview.review_declined": "OK, not saved for now. Jump to any item to change it, then come back to "
    '"Check and save".',
    "interview.row_added": "Adding indicator row {number}.",
    "interview.row_removed": "Indicator row {number} deleted.",
    "interview.row_cleared": "Indicator row {number} cleared.",
    "interview.no_row": "The current item is not part of an indicator row.",
    "interview.autosave_failed": "The draft could not be saved: {reason}",
    "explanation.direction_pending": "Direction not decided: the wording of the target disagrees with the "
    "catalogue's direction. Decide first whether it is scored as positive or reverse; "
    "then it is scored by formula.",
    "hint.value": "Read as: {value}",
    "hint.value.direction": "Read as: {value}, {direction}",
    "hint.value.detail_direction": "Read as: {value} ({detail}, {direction})",
    "hint.catalogue": "Catalogue: {name}, {direction}{unit}",
    "hint.catalogue.definition": ". {definition}",
    "hint.no_catalogue": 'The catalogue has no indicator close to "{name}": scored by the name as written, with the '
    "direction taken from the wording of the target.",
    "hint.unused_row": '"*" means this level-2 indicator is not used: weight 0, not scored.',
    "hint.running_total": "Total so far {total}; weights assigned {assigned}, {left} left.",
    "warning.catalogue_level": 'In the catalogue "{name}" is under {level1} / {level2}, not under the level-2 '
    "indicator entered.",
    "warning.value_unreadable": 'Cannot read "{value}": {note}. This row will need a judged score.',
    "warning.weights_short": "The weights add up to {total}, {left} short of 100.",
    "warning.weights_over": "The weights add up to {total}, more than 100.",
    "warning.reason_missing": "No reason given: the check will list it as missing.",
    "help.entry": "Catalogue: {name} ({level1} / {level2}, {direction}{unit}). {definition}",
    "help.row_score": "This row's score now: {explanation}",
    "help.budget_score": "Budget execution rate: {explanation}",
    "review.summary": "Total {total}{grade}: execution rate {budget}, indicators {indicators}.",
    "review.pending": "{count} row(s) still need a judged score (rows: {rows}).",
    "review.no_findings": "No problems found.",
    "score.unusable": "The number is too large or too small for the formula; it needs a judged score",
    # --- validation ---------------------------------------------------------------------------
    "error.required": '"{label}" cannot be empty.',
    "error.choice": "Please pick a number from {keys}, or type the name of an option.",
    "error.confirm": 'Please answer "yes" or "no" (y / n).',
    "error.year": 'The year must be a whole number from 1990 to 2100, not "{text}".',
    "error.weight_over": "The weights cannot add up to more than 100: this item can have at most {left}.",
    "error.judged_band": 'The judged score must be between {low} and {high}, not "{text}".',
    "error.level2": '"{text}" is not a level-2 indicator under {level1}.',
    "error.unusable": 'Cannot use "{text}" as an answer; please write it another way.',
    "error.finished": "The form is complete; there are no questions left.",
    # --- training -----------------------------------------------------------------------------
    "train.start": "Scoring practice: {forms} forms, {items} questions. The scores on the forms are hidden; work "
    "out each row's score yourself. {keys}",
    "train.keys": "Type s to skip, q to finish.",
    "train.keys.walk": "q to finish",
    "train.start.walk": "Walk-through: {forms} forms, {items} rows. Each row is shown with its correct score and "
    "the working.",
    "train.form": "Form {number}: {name} ({department})",
    "train.budget": "Execution rate: annual budget {budget}, spent {executed}, weight {weight}.",
    "train.row": "Row {number} {level2} · {name}: target {target}, actual {actual}, weight {weight}.",
    "train.band": "This row is judged: any score between {low} and {high} is right.",
    "train.band.walk": "This row is judged: the evaluator gives a score between {low} and {high}.",
    "train.question.label": "Score",
    "train.question": "What does this row score?",
    "train.question.help": "Work out the score by the scoring method, to two decimal places. Type s to skip, q to "
    "end the practice.",
    "train.placeholder": "score, e.g. 12.5",
    "train.empty": "Please enter a score.",
    "train.walk.question": "Press enter for the next row ({keys})",
    "train.walk.label": "Next row",
    "train.correct": "Correct: {score}.",
    "train.correct.band": "Right: any score between {low} and {high} counts.",
    "train.wrong": "Not right: you said {given}; the correct score is {score}.",
    "train.wrong.band": "Not right: you said {given}; it should be between {low} and {high}.",
    "train.skipped": "Skipped: the correct score is {score}.",
    "train.summary": "Practice over: {correct} / {answered} right, {skipped} skipped{accuracy}.",
    "train.summary.accuracy": ", {percent}% correct",
    "train.summary.walk": "Walk-through over: {seen} / {items} rows seen.",
    "train.sheet_file": "spreadsheet file",
    "train.no_forms": "No evaluation files to practise on: {where}",
    "train.nothing": "These evaluation files have no rows that can be scored.",
    "train.pending": "to judge",
    # --- plain line mode ----------------------------------------------------------------------
    "plain.commands": "Commands: :b back  :u undo  :j N jump  :f list items  :h help  :d delete this row  :s save  "
    ":q quit (to answer with a leading colon, type two colons)",
    "plain.prefix.hint": "Hint: ",
    "plain.prefix.warning": "Warning: ",
    "plain.prefix.error": "Error: ",
    "plain.prefix.explanation": "Score: ",
    "plain.default": "[{default}]",
    "plain.eof": "Input ended; not saved.",
    "plain.resume_how": "To continue: jixiao{drafts} --plain, then pick this draft.",
    "plain.quit": "Quit; not saved.",
    "plain.quit_clean": "Quit.",
    "plain.eof_clean": "Input ended.",
    "plain.stopped": "Stopped; not saved.",
    "plain.pending": "Last time, this item had input not yet submitted: {text}",
    "plain.unknown_command": 'Unknown command "{command}".',
    "plain.field_line": "{number:>3}. {mark} {label}: {answer}",
    "plain.save_path": "Save to which file? (.toml; empty line to cancel)",
    "plain.save_path_command": "Type the file name to save to (.toml) here; empty line to cancel, :q to quit.",
    "plain.save_cancelled": "Not saved.",
    "plain.overwrite": "{message} Overwrite it?",
    "plain.start.choice": "Unfinished drafts found. Which one do you want to continue?",
    "plain.start.new": "Start a new form",
    "plain.edit.draft": "This file has an unsaved draft of changes ({describe}). Continue that draft?",
    "plain.whatif.start": "What-if: enter the weight, target and actual to see the score and the working. "
    "Values in brackets are used when you press enter.",
    "plain.whatif.kind": "Which kind?",
    "plain.whatif.kind.indicator": "An indicator",
    "plain.whatif.kind.budget": "Budget execution rate",
    "plain.whatif.indicator": "Indicator name (may be empty; used to find the direction in the catalogue)",
    "plain.whatif.matched": 'Scored as "{name}" in the catalogue ({direction}).',
    "plain.whatif.unmatched": '"{name}" is not in the catalogue: the direction comes only from the wording of the '
    "target.",
    "plain.whatif.weight": "Weight",
    "plain.whatif.target": "Target",
    "plain.whatif.actual": "Actual",
    "plain.whatif.direction": "The wording of the target disagrees with the catalogue's direction: which way is it "
    "scored?",
    "plain.whatif.judged": "Judged score (between {low} and {high}; leave empty to see only the range)",
    "plain.whatif.budget": "Annual budget",
    "plain.whatif.executed": "Spent",
    "plain.whatif.change": "Change from the last one: {change} points.",
    "plain.whatif.again": "Work out another one?",
    "plain.train.eof": "Input ended.",

    # --- full-screen assistant (tui/) --------------------------------------------------------------
    "ui.app.title": "jixiao performance self-evaluation assistant",
    "ui.key.cancel": "Cancel",
    "ui.key.close": "Close",
    "ui.key.back": "Back",
    "ui.key.quit": "Quit",
    "ui.key.home": "Home",
    "ui.key.help": "Help",
    "ui.key.next_field": "Next",
    "ui.key.previous_field": "Previous",
    "ui.path.placeholder": "File path, e.g. evaluations/2023-project.toml",
    "ui.help.keys_heading": "Keys on this screen (right column: the id used in the keymap file)",
    "ui.help.close_hint": "Enter or F1 to close",
    "ui.help.general_title": "Help",
    "ui.help.general_body": "Use the arrow keys and enter; ctrl+q quits at any time.",
    "ui.start.intro": "Project expenditure performance self-evaluation form: fill it in item by item, score it by "
    "the method, see why every point was lost, save it as TOML.",
    "ui.start.resume": "Continue an unfinished draft ({count})",
    "ui.start.resume_none": "Continue an unfinished draft (none now)",
    "ui.start.no_drafts": "There are no unfinished drafts.",
    "ui.start.new": "New form",
    "ui.start.open": "Open an evaluation file...",
    "ui.start.whatif": "What-if for one item (indicator or execution rate)",
    "ui.start.train": "Scoring practice",
    "ui.start.walk": "Walk-through (correct score shown row by row)",
    "ui.start.help": "Help",
    "ui.start.quit": "Quit",
    "ui.start.hint": "Arrow keys to choose, enter to confirm; or press the number.",
    "ui.start.help_title": "Start",
    "ui.start.help_body": (
        "New: answer the questions one at a time; the form is scored as you go."
        "\n"
        "Open: change an existing .toml evaluation file; enter keeps the old answer."
        "\n"
        "Continue a draft: a draft is saved after every answer; after a dropped connection or closing, carry on "
        "from here."
        "\n"
        "What-if: enter the weight, target and actual, and see the score and why points were lost at once."
        "\n"
        "Scoring practice: practise scoring real self-evaluation forms by the method; "
        "the walk-through shows the correct answers row by row."
        "\n"
        "Keys can be changed in $XDG_CONFIG_HOME/jixiao/keymap.toml (binding id = key); ctrl+q to quit cannot be "
        "changed.\n"
        "Colours: the environment variable JIXIAO_THEME=textual-ansi uses the terminal's own 16 colours; set "
        "NO_COLOR for no colour."
    ),
    "ui.open.question": "Which evaluation file do you want to open?",
    "ui.whatif.title": "What-if",
    "ui.whatif.title_row": "What-if for indicator row {row}",
    "ui.whatif.toggle": "Indicator/budget",
    "ui.whatif.apply": "Apply",
    "ui.whatif.name": "Indicator name",
    "ui.whatif.name_placeholder": "May be empty; if given, the catalogue sets the direction (→ completes)",
    "ui.whatif.name_empty": "No indicator name: the direction comes only from the wording of the target.",
    "ui.whatif.name_loading": "Loading the catalogue...",
    "ui.whatif.name_matched": 'Direction from "{name}" in the catalogue: {direction}.',
    "ui.whatif.name_unmatched": '"{name}" is not in the catalogue: the direction comes only from the wording of the '
    "target.",
    "ui.whatif.name_fixed": "The name comes from this row of the form and cannot be changed.",
    "ui.whatif.no_name_note": "The target has no comparison sign and no indicator name was given: give the name, "
    "or choose a direction",
    "ui.whatif.weight": "Weight",
    "ui.whatif.target": "Target",
    "ui.whatif.actual": "Actual",
    "ui.whatif.direction": "Direction",
    "ui.whatif.judged": "Judged score",
    "ui.whatif.judged_placeholder": "For qualitative or judged rows",
    "ui.whatif.budget": "Annual budget",
    "ui.whatif.executed": "Spent",
    "ui.whatif.budget_weight": "Weight (default 10)",
    "ui.whatif.fill_in": "Enter the weight, target and actual; the score is worked out at once.",
    "ui.whatif.fill_in_budget": "Enter the annual budget and the amount spent; the score is worked out at once.",
    "ui.whatif.total_change": "Total {old} → {new} ({delta})",
    "ui.whatif.apply_hint": "ctrl+s writes these values back to the form; ctrl+b drops the what-if and goes back.",
    "ui.whatif.help_title": "What-if",
    "ui.whatif.help_body": (
        "Up/down arrows (or tab / shift+tab) move between the items; change any item and the score and "
        "explanation update at once. "
        "On the direction item, press enter or space to open the options."
        "\n"
        "The indicator name may be left empty; if given, the row is scored by that indicator's direction in the "
        "catalogue (if that contradicts the wording of the target, choose in the direction item); "
        "the → key completes names from the catalogue."
        "\n"
        "Targets can be written ≥90%, ≤10%, 72小时以内, 满意 and so on; "
        'with direction "Auto" the wording of the target and the catalogue decide.'
        "\n"
        'For a qualitative or judged row, enter a score within the range in "Judged score".'
        "\n"
        "ctrl+t switches between the indicator what-if and the execution rate what-if."
        "\n"
        "When opened from the review, the change in the total is shown below; "
        "ctrl+s applies, ctrl+b drops."
    ),
    "ui.direction.auto": "Auto (by the wording of the target and the catalogue)",
    "ui.direction.positive": "Positive (higher is better)",
    "ui.direction.reverse": "Reverse (lower is better)",
    "ui.direction.equal": "Equal to the target",
    "ui.direction.qualitative": "Qualitative",
    "ui.interview.back": "Previous",
    "ui.interview.jump": "Jump",
    "ui.interview.undo": "Undo",
    "ui.interview.save": "Save",
    "ui.interview.review": "Review",
    "ui.interview.scroll_up": "Page up",
    "ui.interview.scroll_down": "Page down",
    "ui.interview.enter_keeps": "Enter keeps: {answer}",
    "ui.interview.optional": "May be left empty: press enter to skip.",
    "ui.interview.long_text_keys": "Enter submits, ctrl+j starts a new line.",
    "ui.interview.loading": "Opening...",
    "ui.interview.queued": "Opening... {count} answers noted; you can keep typing.",
    "ui.interview.pending_restored": "Input not submitted last time has been put back; press enter to submit.",
    "ui.interview.help_title": "Filling in the form",
    "ui.interview.help_field_title": "Help: {label}",
    "ui.interview.help_body": (
        "Answer one question at a time; enter submits. "
        "An invalid answer only blocks going forward: back, jump, undo and quit always work."
        "\n"
        "shift+tab or ctrl+b goes back one item; "
        "ctrl+g opens the jump list; "
        "ctrl+z undoes the last answer; "
        "ctrl+s saves; "
        "ctrl+r reviews the whole form; "
        "ctrl+l goes to the home screen (when the form is complete or nothing is unsaved); "
        "ctrl+q quits (asking first if anything is unsaved)."
        "\n"
        "When typing a level-3 indicator name, up/down arrows choose a suggestion and enter takes it."
    ),
    "ui.jump.title": "Jump to...",
    "ui.jump.filter": "Type text or a row number to filter",
    "ui.jump.hint": "Up/down arrows to choose, enter to jump; {close} to close.",
    "ui.jump.unanswered": "(blank)",
    "ui.quit.question": "Some changes are not saved to a file. What now?",
    "ui.quit.stay": "Keep filling in",
    "ui.quit.save": "Save and quit",
    "ui.quit.leave": "Quit, keeping the draft (continue next time)",
    "ui.home.question": "Some changes are not saved to a file. What now, before going to the home screen?",
    "ui.home.save": "Save and go to the home screen",
    "ui.home.leave": "Go to the home screen, keeping the draft (continue later)",
    "ui.save.ask_path": "Save to which file? (.toml)",
    "ui.save.conflict": "{message} Overwriting it loses what is in the file now.",
    "ui.save.save_as": "Save as another file...",
    "ui.save.overwrite": "Overwrite anyway",
    "ui.resume.title": "Unfinished drafts",
    "ui.resume.none": "There are no unfinished drafts.",
    "ui.resume.delete": "Delete",
    "ui.resume.keep": "Keep",
    "ui.resume.confirm_delete": 'Delete the draft of "{name}"? It cannot be recovered.',
    "ui.resume.help_body": "A draft is saved after every answer; after a dropped connection or quitting, carry on "
    "here. Forms saved to a file leave no draft.",
    "ui.review.title": "Review: {name}",
    "ui.review.unnamed": "(untitled)",
    "ui.review.funds_unit": "Funds ({unit})",
    "ui.review.budget_line": "Budget execution rate: weight {weight}, execution rate {rate}, score {score}",
    "ui.review.pending": "to judge",
    "ui.review.unused": "not used",
    "ui.review.total": "Total {total} ({grade})",
    "ui.review.partial_total": "Scored so far {total}; rows {rows} still to judge, then the total and grade follow",
    "ui.review.findings": "Findings",
    "ui.review.no_findings": "No problems found.",
    "ui.review.whatif": "What-if",
    "ui.review.edit": "Edit",
    "ui.review.back": "Back to filling in",
    "ui.review.page": "Page",
    "ui.review.applied": "Row {row} changed to the what-if values.",
    "ui.review.not_applied": 'Row {row}: "{label}" was not changed to the what-if value.',
    "ui.review.help_title": "Review",
    "ui.review.help_body": (
        "The whole form is laid out like the official form: header, funds, overall annual goals, indicator table, "
        "total, grade and findings."
        "\n"
        "Up/down arrows choose an indicator row; "
        "enter or w opens the what-if: change the target, actual or weight and see the score and total change at "
        "once; nothing is written back to the form until ctrl+s applies it; "
        "e goes back to the filling-in screen to change this row; "
        "ctrl+s saves; "
        "ctrl+b goes back to filling in; "
        "ctrl+l goes to the home screen (asking first if anything is unsaved)."
    ),
    "ui.severity.error": "Error",
    "ui.severity.warning": "Warning",
    "ui.severity.info": "Hint",
    "ui.input.suggestion": "Choose a suggestion",
    "ui.panel.title": "Form",
    "ui.panel.project": "Project",
    "ui.panel.budget": "Annual budget",
    "ui.panel.executed": "Spent",
    "ui.panel.rate": "Execution rate",
    "ui.panel.budget_score": "Execution score",
    "ui.panel.rows": "Indicators",
    "ui.panel.score_weight": "Score/wt",
    "ui.panel.no_rows": "(no indicators yet)",
    "ui.panel.total": "Total",
    "ui.panel.partial_total": "Scored so far",
    "ui.panel.grade": " ({grade})",
    "ui.panel.weight_left": "Weight left",
    "ui.transcript.pending": "To judge: {low}-{high}",
    "ui.transcript.direction_pending": "To decide: scoring direction",
    "ui.transcript.score": "Score {score} / {weight}",
    "ui.transcript.enter": "(enter)",
    "ui.review.col.level1": "Level 1",
    "ui.review.col.level2": "Level 2",
    "ui.review.col.name": "Level-3 indicator",
    "ui.review.col.score": "Score",
    "ui.review.achieved": "Achieved",
    "ui.review.list_separator": ", ",
    "ui.launch.no_file": "Evaluation file not found: {path}",
    "ui.keymap.unreadable": "Cannot read the keymap file: {error}",
    "ui.keymap.not_table": 'The keymap file should be a table of "binding id = key"',
    "ui.keymap.fixed": '"{id}" (ctrl+q to quit) cannot be changed; ignored',
    "ui.keymap.unknown": 'There is no key binding with id "{id}"; ignored',
    "ui.keymap.bad_keys": 'The keys for "{id}" should be a string or a list of strings; ignored',
    "ui.keymap.quit_key": 'ctrl+q is reserved for quitting and cannot be given to "{id}"; ignored',
    "ui.keymap.unreadable_file": "Cannot read the keymap file {path}: {error}",
    "ui.train.tally_title": "Practice progress",
    "ui.train.tally_title_walk": "Walk-through progress",
    "ui.train.progress": "Question {number} / {total}",
    "ui.train.progress_walk": "Row {number} / {total}",
    "ui.train.seen": "{count} rows seen",
    "ui.train.correct": "Right {count}",
    "ui.train.wrong": "Wrong {count}",
    "ui.train.skipped": "Skipped {count}",
    "ui.train.skip": "Skip",
    "ui.train.finish": "Finish",
    "ui.train.hint": "Type the score and press enter; {keys}",
    "ui.train.keys": "{skip} to skip, {finish} to finish.",
    "ui.train.keys_walk": "{finish} to finish",
    "ui.train.over": "Practice over. {back} to go back, ctrl+q to quit.",
    "ui.train.over_walk": "Walk-through over. {back} to go back, ctrl+q to quit.",
    "ui.train.help_title": "Scoring practice",
    "ui.train.help_body": (
        "The scores on the form are hidden: work out each row's score by the method (to two decimal places) and "
        "press enter to check it; "
        "a wrong answer shows the correct score and the working. "
        "Judged rows give a range, and any score in it is right. "
        "{skip} skips a row, {finish} ends and shows the summary. "
        "The walk-through shows each row's correct score and the working; press enter for the next row."
    ),
}
