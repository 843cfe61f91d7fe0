"""The practice library's first records, written for the network's member cities and activists; each record cites the
sources its facts rest on, and rates the evidence behind it without overstating it.
"""

COLLECTIONS = [
    {
        "slug": "8-cant-wait",
        "title": "8 Can't Wait",
        "description": (
            "Eight use-of-force rules that the US campaign group Campaign Zero asked every police department to adopt "
            "in 2020, drawing on its own 2016 comparison of large city police departments. The rules are cheap to "
            "write into policy, but the evidence that they save lives is mostly correlational, and the campaign itself "
            "later acknowledged that policy changes alone are not enough. Each entry says what is and is not known "
            "about the rule."
        ),
        "practices": [
            "require-de-escalation",
            "use-of-force-continuum",
            "ban-chokeholds-and-strangleholds",
            "require-warning-before-shooting",
            "exhaust-alternatives-before-shooting",
            "duty-to-intervene",
            "ban-shooting-at-moving-vehicles",
            "require-comprehensive-reporting",
        ],
        "labels": [
            "De-escalation",
            "Force continuum",
            "Chokehold ban",
            "Warning first",
            "Alternatives first",
            "Duty to intervene",
            "No shooting at cars",
            "Full reporting",
        ],
    },
    {
        "slug": "community-and-public-health-models",
        "title": "Community and Public Health Models",
        "description": (
            "The models the network is built around: ways of making cities safer that rely on neighbourhood presence, "
            "public health, civilian responders, honest institutions and public investment rather than on force. They "
            "come from Tokyo, Glasgow, Tbilisi, Eugene, Chicago, Philadelphia and elsewhere. The evidence behind them "
            "ranges from randomised trials to before-and-after case studies, and each entry rates it plainly."
        ),
        "practices": [
            "koban",
            "glasgow-violence-reduction-unit",
            "tbilisi-patrol-police-reform",
            "mental-health-crisis-response-teams",
            "violence-interruption",
            "youth-mentorship",
            "investment-in-public-services",
        ],
        "labels": [
            "Koban",
            "Glasgow VRU",
            "Georgia patrol reform",
            "Crisis response teams",
            "Violence interruption",
            "Youth mentorship",
            "Public investment",
        ],
    },
]

PRACTICES = [
    {
        "slug": "require-de-escalation",
        "title": "Require de-escalation",
        "kind": "policy",
        "themes": ["use_of_force", "training"],
        "problem": (
            "Officers often close distance, shout commands and reach for force in encounters that could be slowed down "
            "and settled by talking, especially with people in crisis or armed with something other than a gun."
        ),
        "population": (
            "Police officers and their supervisors; people who meet the police, in particular people in mental health "
            "crisis, under the influence, or armed with weapons other than firearms."
        ),
        "origin_place": "",
        "origin_country": "US",
        "origin_year": 2016,
        "summary": (
            "A written rule that officers must try to calm a situation - by communicating, keeping distance, taking "
            "time and calling for help - before using force, backed by training. One randomised evaluation of a "
            "de-escalation training (ICAT, Louisville) found less force and fewer injuries; the effect of the written "
            "rule on its own is unknown."
        ),
        "body": (
            "A de-escalation requirement tells officers that, whenever it is safe to do so, they must try to slow an "
            "encounter down and resolve it without force: talking instead of shouting orders, creating distance and "
            "cover, taking time, and calling in specialist help. It was one of the rules in Campaign Zero's #8CantWait "
            "list, and the Police Executive Research Forum (PERF) asked agencies in 2016 to make de-escalation formal "
            "policy.\n"
            "\n"
            "## Policy and training are not the same thing\n"
            "A written rule changes little unless officers learn the skills and supervisors hold them to it. The "
            "strongest evidence concerns training, not the rule itself. In 2019 the Louisville Metro Police Department "
            "in Kentucky introduced PERF's ICAT course (Integrating Communications, Assessment, and Tactics) division "
            "by division in a randomised order, a design known as a stepped-wedge trial. Researchers from the "
            "IACP/University of Cincinnati centre found that after training, use-of-force incidents fell by about 28%, "
            "injuries to members of the public by about 26% and injuries to officers by about 36%.\n"
            "\n"
            "A 2020 systematic review by the same research team found 64 evaluations of de-escalation training over 40 "
            "years, mostly in nursing and psychiatry, and judged almost all of them too weak to say whether training "
            "works.\n"
            "\n"
            "## What to watch for\n"
            "- One trial in one US department is a start, not proof; it needs repeating elsewhere.\n"
            "- Adopt the rule together with training, supervision and use-of-force data, or it will stay on paper.\n"
            '- Say what "when safe and feasible" means, and review incidents where officers did not try to '
            "de-escalate."
        ),
        "rating": "promising",
        "study_count": 1,
        "study_design": (
            "1 stepped-wedge randomised controlled trial of a de-escalation training (ICAT, Louisville); the written "
            "policy itself has only correlational support"
        ),
        "single_study": True,
        "emmie": {
            "effect": (
                "One stepped-wedge randomised trial in Louisville found that ICAT de-escalation training reduced "
                "use-of-force incidents by about 28% and injuries to the public by about 26%. There is no rigorous "
                "evidence on the effect of a written de-escalation requirement on its own; the campaign's support for "
                "it rests on a correlational comparison of departments."
            ),
            "mechanism": (
                "Training gives officers concrete tactics - distance, cover, time, calm communication - and a way to "
                "assess a situation, so fewer encounters reach the point where force seems necessary. The written rule "
                "sets the expectation and gives supervisors a standard to review against."
            ),
            "moderators": (
                "Effects may depend on how many encounters involve people in crisis, on supervisors reinforcing the "
                "training, and on local law and police culture. The Louisville result comes from a single US "
                "department and may not carry over unchanged."
            ),
            "implementation": (
                "Needs a clear written definition, scenario-based training for all officers, supervisors trained to "
                "reinforce it, and use-of-force reporting to check whether practice changes. A one-off classroom "
                "session without follow-up is unlikely to be enough."
            ),
            "economic_cost": (
                "Writing the rule costs little. Training takes officers off the street for classroom and scenario "
                "sessions; no published cost-benefit analysis was found."
            ),
        },
        "transfer": {
            "police_levels": ["municipal", "regional", "national"],
            "mayoral_control": "helps",
            "legal_system": (
                "An internal policy that any police agency can adopt without new legislation; where the mayor does not "
                "control the police, the regional or national authority that does must adopt it. Works in civil and "
                "common law systems."
            ),
        },
        "sources": [
            {
                "title": (
                    "Examining the Impact of Integrating Communications, Assessment, and Tactics (ICAT) De-escalation "
                    "Training for the Louisville Metro Police Department: Initial Findings"
                ),
                "publisher": "IACP/UC Center for Police Research and Policy",
                "year": 2020,
                "url": (
                    "https://www.policinginstitute.org/publication/examining-the-impact-of-integrating-communications-"
                    "assessment-and-tactics-icat-de-escalation-training-for-the-louisville-metro-police-department-"
                    "initial-findings/"
                ),
            },
            {
                "title": (
                    "Does de-escalation training work? A systematic review and call for evidence in police "
                    "use-of-force reform"
                ),
                "publisher": "Criminology & Public Policy",
                "year": 2020,
                "url": "https://doi.org/10.1111/1745-9133.12467",
            },
            {
                "title": "Use of Force: Taking Policing to a Higher Standard (30 Guiding Principles)",
                "publisher": "Police Executive Research Forum",
                "year": 2016,
                "url": "https://arks.princeton.edu/ark:/88435/dsp01zs25xc211",
            },
            {
                "title": "8 Can't Wait",
                "publisher": "Campaign Zero",
                "year": 2020,
                "url": "https://8cantwait.org/",
            },
        ],
        "related": [
            "use-of-force-continuum",
            "exhaust-alternatives-before-shooting",
            "duty-to-intervene",
            "mental-health-crisis-response-teams",
        ],
    },
    {
        "slug": "use-of-force-continuum",
        "title": "Use-of-force continuum",
        "kind": "policy",
        "themes": ["use_of_force", "training"],
        "problem": (
            "Without clear limits, officers may use weapons or tactics far more severe than the resistance they face."
        ),
        "population": "Police officers and trainers; anyone on whom the police use force.",
        "origin_place": "",
        "origin_country": "US",
        "origin_year": 2016,
        "summary": (
            "A rule that sets out which kinds of force officers may use against which levels of resistance, usually "
            "drawn as a ladder from presence and commands up to deadly force. Its only outcome evidence is Campaign "
            "Zero's correlational 2016 analysis, and PERF has advised police to replace continuums with a "
            "decision-making model."
        ),
        "body": (
            "A use-of-force continuum lists the kinds of force an officer may use and ties each to a type of "
            "resistance: for example, verbal commands for passive non-compliance, control holds or chemical spray for "
            "active resistance, and firearms only against a threat to life. Many departments draw it as a ladder or a "
            "wheel. Campaign Zero counted a continuum as one of the restrictive rules in its 2016 review of large US "
            "city police departments and made it part of the #8CantWait list in 2020.\n"
            "\n"
            "## A contested tool\n"
            "Police professionals disagree about continuums. The Police Executive Research Forum's 2016 Guiding "
            "Principles on Use of Force recommended dropping use-of-force continuums as outdated, together with ideas "
            'such as the "21-foot rule", and proposed instead a Critical Decision-Making Model: officers collect '
            "information, assess the situation and the threat, consider their powers and the agency's policy, identify "
            "options, act, and then review and reassess. A ladder can be read as telling officers to climb step by "
            "step, or as saying that a given level of resistance justifies a given weapon, rather than asking what is "
            "necessary and proportionate in the moment.\n"
            "\n"
            "## What we know\n"
            "Apart from Campaign Zero's analysis, which compares departments at a single point in time and cannot show "
            "cause and effect, no evaluation was found that measures what adopting a continuum does to injuries or "
            "deaths.\n"
            "\n"
            "## What to watch for\n"
            "- The campaign's aim - limiting which force may answer which resistance - can also be met with a "
            "proportionality rule or a decision-making model.\n"
            "- Whichever format is chosen, pair it with training and with reporting that lets supervisors check "
            "whether the force used matched the threat."
        ),
        "rating": "inconclusive",
        "study_count": 1,
        "study_design": "1 cross-sectional comparison of large US city police departments (Campaign Zero, 2016)",
        "single_study": True,
        "emmie": {
            "effect": (
                "Unknown. The only outcome evidence is Campaign Zero's 2016 cross-sectional comparison, which found "
                "fewer killings in departments with more restrictive policies overall but cannot isolate the effect of "
                "a continuum or rule out other differences between cities."
            ),
            "mechanism": (
                "By naming the force allowed for each level of resistance, a continuum is meant to stop officers "
                "jumping to severe force and to give supervisors a yardstick."
            ),
            "moderators": (
                "Depends heavily on how the continuum is written and taught; a ladder read as permission to escalate "
                "could work against its purpose."
            ),
            "implementation": (
                "Requires rewriting policy and training, and consistent review of force reports against the continuum. "
                "Agencies following PERF's advice may prefer a decision-making model with a proportionality test."
            ),
            "economic_cost": (
                "Low drafting cost; training costs as for any use-of-force curriculum. No cost data found."
            ),
        },
        "transfer": {
            "police_levels": ["municipal", "regional", "national"],
            "mayoral_control": "helps",
            "legal_system": (
                "An internal policy that any police agency can adopt without new legislation; where the mayor does not "
                "control the police, the regional or national authority that does must adopt it. Works in civil and "
                "common law systems."
            ),
        },
        "sources": [
            {
                "title": "Police Use of Force Policy Analysis",
                "publisher": "Campaign Zero",
                "year": 2016,
                "url": "https://just-tech.ssrc.org/citation/police-use-of-force-policy-analysis/",
            },
            {
                "title": "Use of Force: Taking Policing to a Higher Standard (30 Guiding Principles)",
                "publisher": "Police Executive Research Forum",
                "year": 2016,
                "url": "https://arks.princeton.edu/ark:/88435/dsp01zs25xc211",
            },
            {
                "title": "8 Can't Wait",
                "publisher": "Campaign Zero",
                "year": 2020,
                "url": "https://8cantwait.org/",
            },
        ],
        "related": ["require-de-escalation", "exhaust-alternatives-before-shooting", "require-comprehensive-reporting"],
    },
    {
        "slug": "ban-chokeholds-and-strangleholds",
        "title": "Ban chokeholds and strangleholds",
        "kind": "policy",
        "themes": ["use_of_force"],
        "problem": (
            "Neck restraints can cut off breathing or blood flow to the brain within seconds and have caused deaths in "
            "police custody."
        ),
        "population": "Anyone restrained by police; officers and the trainers who teach control techniques.",
        "origin_place": "",
        "origin_country": "US",
        "origin_year": 2016,
        "summary": (
            "A rule forbidding officers to use chokeholds and other neck restraints. The New York police have banned "
            "chokeholds since 1993, yet Eric Garner died after an apparent chokehold in 2014: a ban works only if it "
            "is enforced. Outcome evidence is limited to Campaign Zero's correlational 2016 analysis."
        ),
        "body": (
            "A chokehold ban forbids officers to put pressure on a person's neck - on the windpipe (a chokehold) or on "
            'the arteries at the side of the neck (a stranglehold or "carotid restraint") - because these holds can '
            "stop breathing or blood flow within seconds. Some policies allow them only where deadly force would be "
            "justified; the #8CantWait campaign asked for an outright ban.\n"
            "\n"
            "## The New York example\n"
            "The New York Police Department's Patrol Guide has prohibited chokeholds since 1993, defining them as any "
            "pressure to the throat or windpipe that may prevent or hinder breathing. From 1985 they had already been "
            "restricted to situations where a life was in danger. The ban did not end their use. The city's Civilian "
            "Complaint Review Board received close to 200 chokehold complaints a year on average after 2001, and in "
            "July 2014 Eric Garner died on Staten Island after an officer put him in an apparent chokehold.\n"
            "\n"
            "Critics of the #8CantWait campaign also pointed out that the Minneapolis Police Department had seven of "
            "the eight policies in place when George Floyd was killed in 2020.\n"
            "\n"
            "## What we know\n"
            "No study was found that isolates the effect of a chokehold ban on deaths or injuries. Campaign Zero's "
            "2016 comparison of large city departments is correlational.\n"
            "\n"
            "## What to watch for\n"
            "- Define the banned holds precisely, including carotid restraints and any pressure on the neck, for "
            "example with a knee.\n"
            "- A ban needs investigation and discipline when it is broken, and published data on complaints and how "
            "they end.\n"
            "- Train other control techniques so officers are not left without options."
        ),
        "rating": "inconclusive",
        "study_count": 1,
        "study_design": "1 cross-sectional comparison of large US city police departments (Campaign Zero, 2016)",
        "single_study": True,
        "emmie": {
            "effect": (
                "Not established. No evaluation isolates the effect of a ban; Campaign Zero's cross-sectional analysis "
                "links restrictive policy packages to fewer killings but cannot show cause. New York's experience "
                "shows a ban can be widely ignored without enforcement."
            ),
            "mechanism": (
                "Removing a high-risk technique from the list of permitted tactics should prevent deaths from asphyxia "
                "and neck injury, provided officers actually stop using it."
            ),
            "moderators": (
                "Depends on enforcement, on whether the ban covers all neck restraints, and on officers having other "
                "control techniques."
            ),
            "implementation": (
                "Clear definitions in policy, retraining in other holds, and investigation and discipline of breaches. "
                "The ban can also be written into law."
            ),
            "economic_cost": "Low; the cost is mainly retraining. No cost data found.",
        },
        "transfer": {
            "police_levels": ["municipal", "regional", "national"],
            "mayoral_control": "helps",
            "legal_system": (
                "Any agency can adopt it as internal policy, and it can also be written into local, state or national "
                "law. No legal preconditions in civil or common law systems."
            ),
        },
        "sources": [
            {
                "title": "The NYPD banned chokeholds 20 years ago. But hundreds of complaints are still being filed.",
                "publisher": "The Washington Post",
                "year": 2014,
                "url": (
                    "https://www.washingtonpost.com/news/wonk/wp/2014/12/03/the-nypd-banned-chokeholds-20-years-ago-"
                    "but-hundreds-of-complaints-are-still-being-filed/"
                ),
            },
            {
                "title": "How Police Abolitionists Are Seizing the Moment",
                "publisher": "The American Prospect",
                "year": 2020,
                "url": "https://prospect.org/civil-rights/how-police-abolitionists-are-seizing-the-moment",
            },
            {
                "title": "Police Use of Force Policy Analysis",
                "publisher": "Campaign Zero",
                "year": 2016,
                "url": "https://just-tech.ssrc.org/citation/police-use-of-force-policy-analysis/",
            },
            {
                "title": "8 Can't Wait",
                "publisher": "Campaign Zero",
                "year": 2020,
                "url": "https://8cantwait.org/",
            },
        ],
        "related": ["duty-to-intervene", "require-comprehensive-reporting", "require-de-escalation"],
    },
    {
        "slug": "require-warning-before-shooting",
        "title": "Require warning before shooting",
        "kind": "policy",
        "themes": ["use_of_force"],
        "problem": (
            "People are sometimes shot without being told that the officer is about to fire, leaving them no chance to "
            "stop, drop a weapon or surrender."
        ),
        "population": "People facing police deadly force; officers who carry firearms.",
        "origin_place": "",
        "origin_country": "US",
        "origin_year": 2016,
        "summary": (
            "A rule that officers must, where feasible, warn before shooting so the person has a chance to comply. The "
            'US Supreme Court referred to a warning "where feasible" in Tennessee v. Garner (1985); evidence that a '
            "written rule reduces shootings is limited to Campaign Zero's correlational 2016 analysis."
        ),
        "body": (
            "This rule requires an officer, whenever it is feasible, to identify themselves and warn that they will "
            "shoot before using deadly force, so that the person has a last chance to stop, drop a weapon or "
            "surrender. Most versions let officers skip the warning when giving it would put them or others in "
            "immediate danger.\n"
            "\n"
            "The idea has roots in US constitutional law. In Tennessee v. Garner (1985), a case about a Memphis "
            "officer who shot and killed an unarmed teenager suspected of burglary as he fled, the Supreme Court held "
            "that deadly force may not be used to stop a fleeing suspect unless the officer has probable cause to "
            "believe the suspect poses a significant threat of death or serious physical injury, and said that some "
            "warning should be given where feasible. A department policy turns that legal standard into a routine "
            "expectation that supervisors can review.\n"
            "\n"
            "## What we know\n"
            "Campaign Zero's 2016 comparison of large US city police departments found fewer killings where "
            "use-of-force policies were more restrictive overall, and a warning requirement was one of those policies. "
            "The design compares departments at a single point in time, so it cannot separate this rule from the "
            "others or from other differences between cities. No study was found that evaluates a warning requirement "
            "on its own.\n"
            "\n"
            "## What to watch for\n"
            "- Write down when a warning is not feasible, and require officers to explain in their report why they "
            "gave none.\n"
            "- A warning is not a licence to shoot: it belongs alongside rules on necessity and exhausting "
            "alternatives.\n"
            '- Do not confuse a verbal warning with "warning shots", which are a separate and risky practice.'
        ),
        "rating": "inconclusive",
        "study_count": 1,
        "study_design": "1 cross-sectional comparison of large US city police departments (Campaign Zero, 2016)",
        "single_study": True,
        "emmie": {
            "effect": (
                "Unknown. The only outcome evidence is Campaign Zero's cross-sectional analysis of restrictive "
                "policies as a group; no evaluation of a warning rule on its own was found."
            ),
            "mechanism": (
                "A warning gives the person a final chance to comply and makes the officer pause, which may prevent "
                "some shootings that were not strictly necessary."
            ),
            "moderators": (
                'Its value depends on how often situations leave time to warn and on how strictly "feasible" is '
                "interpreted and reviewed."
            ),
            "implementation": (
                "Policy text, scenario training, and reports that record whether a warning was given and, if not, why."
            ),
            "economic_cost": "Negligible beyond training time. No cost data found.",
        },
        "transfer": {
            "police_levels": ["municipal", "regional", "national"],
            "mayoral_control": "helps",
            "legal_system": (
                "Internal policy for any agency; in the US it builds on the constitutional standard set in Tennessee "
                "v. Garner. Works in civil and common law systems; check whether national law already requires a "
                "warning."
            ),
        },
        "sources": [
            {
                "title": "Tennessee v. Garner, 471 U.S. 1 (1985)",
                "publisher": "Supreme Court of the United States (via Justia)",
                "year": 1985,
                "url": "https://supreme.justia.com/cases/federal/us/471/1/",
            },
            {
                "title": "Police Use of Force Policy Analysis",
                "publisher": "Campaign Zero",
                "year": 2016,
                "url": "https://just-tech.ssrc.org/citation/police-use-of-force-policy-analysis/",
            },
            {
                "title": "8 Can't Wait",
                "publisher": "Campaign Zero",
                "year": 2020,
                "url": "https://8cantwait.org/",
            },
        ],
        "related": ["exhaust-alternatives-before-shooting", "ban-shooting-at-moving-vehicles", "require-de-escalation"],
    },
    {
        "slug": "exhaust-alternatives-before-shooting",
        "title": "Exhaust all alternatives before shooting",
        "kind": "policy",
        "themes": ["use_of_force"],
        "problem": (
            "Deadly force is sometimes used when other options - time, distance, cover, less-lethal tools or backup - "
            "had not been tried."
        ),
        "population": "People facing police deadly force; officers who carry firearms and their supervisors.",
        "origin_place": "",
        "origin_country": "US",
        "origin_year": 2016,
        "summary": (
            "A rule that officers may shoot only after all other reasonable means have been tried or ruled out, making "
            "deadly force a last resort. It matches PERF's call for proportionality and the sanctity of life, but the "
            "evidence that the rule itself reduces shootings is limited to Campaign Zero's correlational 2016 analysis."
        ),
        "body": (
            "This rule makes deadly force a last resort: an officer may use a firearm only when other reasonable "
            "options - talking, creating distance, taking cover, waiting for backup or specialists, or using a "
            "less-lethal tool - have been tried or are clearly unworkable. It asks more of officers than the legal "
            "minimum in the United States, which professional guidance now tells agencies to exceed.\n"
            "\n"
            "The principle is widely shared. The Police Executive Research Forum's 2016 Guiding Principles on Use of "
            "Force put the sanctity of human life at the heart of police work, asked agencies to hold themselves to a "
            "higher standard than the legal requirements, and said that force must be proportionate. Campaign Zero "
            "included a last-resort requirement in its 2016 policy analysis and in the #8CantWait list.\n"
            "\n"
            "## What we know\n"
            "The outcome evidence is Campaign Zero's comparison of large US city police departments at a single point "
            "in time, which found fewer killings where policies were more restrictive overall. It cannot show that "
            "this rule, rather than other rules or local conditions, made the difference. No evaluation of a "
            "last-resort rule on its own was found.\n"
            "\n"
            "## What to watch for\n"
            '- "All alternatives" needs a practical definition, or it will be ignored in fast-moving incidents.\n'
            "- The rule works only with tactics that create time and distance, which come from training, supervision "
            "and equipment.\n"
            "- Review every shooting against the rule, not only against the legal standard."
        ),
        "rating": "inconclusive",
        "study_count": 1,
        "study_design": "1 cross-sectional comparison of large US city police departments (Campaign Zero, 2016)",
        "single_study": True,
        "emmie": {
            "effect": (
                "Unknown. Campaign Zero's cross-sectional analysis links restrictive policy packages to fewer police "
                "killings, but cannot isolate this rule or rule out other explanations."
            ),
            "mechanism": (
                "Requiring officers to consider and try other options should steer them towards tactics that buy time, "
                "reducing shootings in situations that could have been resolved otherwise."
            ),
            "moderators": (
                "Depends on training and equipment for the alternatives, on staffing for backup and specialist teams, "
                "and on how reviews apply the rule."
            ),
            "implementation": (
                "Clear policy language, training in time-and-distance tactics, access to less-lethal options and "
                "crisis teams, and a review of every firearm discharge."
            ),
            "economic_cost": (
                "The rule itself is cheap; the alternatives it relies on (training, less-lethal equipment, specialist "
                "responders) have costs that vary widely. No cost data found."
            ),
        },
        "transfer": {
            "police_levels": ["municipal", "regional", "national"],
            "mayoral_control": "helps",
            "legal_system": (
                "An internal policy that any police agency can adopt without new legislation; where the mayor does not "
                "control the police, the regional or national authority that does must adopt it. Works in civil and "
                "common law systems."
            ),
        },
        "sources": [
            {
                "title": "Police Use of Force Policy Analysis",
                "publisher": "Campaign Zero",
                "year": 2016,
                "url": "https://just-tech.ssrc.org/citation/police-use-of-force-policy-analysis/",
            },
            {
                "title": "Use of Force: Taking Policing to a Higher Standard (30 Guiding Principles)",
                "publisher": "Police Executive Research Forum",
                "year": 2016,
                "url": "https://arks.princeton.edu/ark:/88435/dsp01zs25xc211",
            },
            {
                "title": "8 Can't Wait",
                "publisher": "Campaign Zero",
                "year": 2020,
                "url": "https://8cantwait.org/",
            },
        ],
        "related": ["require-warning-before-shooting", "require-de-escalation", "ban-shooting-at-moving-vehicles"],
    },
    {
        "slug": "duty-to-intervene",
        "title": "Duty to intervene",
        "kind": "policy",
        "themes": ["use_of_force", "oversight", "training"],
        "problem": (
            "Officers who see a colleague use excessive force often do nothing, held back by rank, loyalty or "
            "uncertainty about how to step in."
        ),
        "population": "All police officers and supervisors; people subjected to police force.",
        "origin_place": "",
        "origin_country": "US",
        "origin_year": 2016,
        "summary": (
            "A rule that officers must step in to stop a colleague using excessive force and must report it. "
            "Minneapolis had such a rule before George Floyd was killed; peer-intervention training such as New "
            "Orleans' EPIC and Georgetown's ABLE tries to make it work in practice. No rigorous evaluation of outcomes "
            "was found."
        ),
        "body": (
            "A duty to intervene requires every officer who sees a colleague using clearly excessive force to try to "
            "stop it - with words or, if necessary, physically - and to report it to a supervisor. The #8CantWait "
            "campaign made it one of its eight rules.\n"
            "\n"
            "A rule on its own is not enough. The Minneapolis Police Department already had policies requiring "
            "officers to intervene when George Floyd was killed in May 2020, and the officers present did not stop the "
            "restraint although they had time to do so.\n"
            "\n"
            "## From rule to culture\n"
            "Peer-intervention programmes try to give officers the skills and the backing to act. The New Orleans "
            "Police Department introduced EPIC (Ethical Policing Is Courageous) in 2016, building on the work of the "
            "psychologist Ervin Staub on active bystanders. Georgetown University Law Center's ABLE project (Active "
            "Bystandership for Law Enforcement) grew out of EPIC and chose its first group of agencies in 2020. Under "
            "ABLE's original standards, agencies committed to at least eight hours of initial training and two hours "
            "of refresher training a year, to teaching intervention within courses on use of force, arrests and report "
            "writing, and to letters of support from community organisations and from the head of the local "
            "government.\n"
            "\n"
            "## What we know\n"
            "No controlled study was found of the effect of a duty-to-intervene rule, or of EPIC or ABLE training, on "
            "use of force or complaints. Campaign Zero's 2016 comparison of departments is correlational.\n"
            "\n"
            "## What to watch for\n"
            "- Protect officers who intervene or report from retaliation, and treat failure to intervene as a "
            "disciplinary matter.\n"
            "- Make intervention part of everyday training and supervision, not a single lecture."
        ),
        "rating": "inconclusive",
        "study_count": 1,
        "study_design": "1 cross-sectional comparison of large US city police departments (Campaign Zero, 2016)",
        "single_study": True,
        "emmie": {
            "effect": (
                "Unknown. No controlled evaluation of a duty-to-intervene rule or of peer-intervention training on "
                "force or complaints was found; the only outcome evidence is Campaign Zero's correlational analysis. "
                "Minneapolis shows that a rule on paper did not prevent a killing."
            ),
            "mechanism": (
                "Makes every officer present responsible for stopping misconduct; training aims to overcome the social "
                "pressures that keep bystanders silent."
            ),
            "moderators": (
                "Depends on culture, backing from leaders, protection from retaliation, and whether failure to "
                "intervene is actually disciplined."
            ),
            "implementation": (
                "Policy text, scenario-based training for all ranks (ABLE's original standard was eight hours plus "
                "annual refreshers), support from supervisors and safe reporting channels."
            ),
            "economic_cost": (
                "ABLE supplies its training materials to accepted agencies; the main cost is officers' training time. "
                "No cost-effectiveness data found."
            ),
        },
        "transfer": {
            "police_levels": ["municipal", "regional", "national"],
            "mayoral_control": "helps",
            "legal_system": (
                "Internal policy that any agency can adopt without legislation; it can also be written into law. Works "
                "in civil and common law systems."
            ),
        },
        "sources": [
            {
                "title": "Community Policing Dispatch, Volume 14, Issue 9 (September 2021): the ABLE Project",
                "publisher": "U.S. Department of Justice, COPS Office (Community Policing Dispatch)",
                "year": 2021,
                "url": "https://cops.usdoj.gov/html/dispatch/09-2021/ABLE_Intervention.html",
            },
            {
                "title": "Police Departments Across Country Embrace Active Bystandership to Prevent Harm",
                "publisher": "Georgetown University Law Center",
                "year": 2020,
                "url": (
                    "https://www.law.georgetown.edu/news/police-departments-across-country-embrace-active-"
                    "bystandership-to-prevent-harm/"
                ),
            },
            {
                "title": "ABLE Archived Standards (in place prior to August 2022)",
                "publisher": "Georgetown University Law Center",
                "year": 2022,
                "url": "https://www.law.georgetown.edu/cics/able/program-standards/archived-standards/",
            },
            {
                "title": "8 Can't Wait",
                "publisher": "Campaign Zero",
                "year": 2020,
                "url": "https://8cantwait.org/",
            },
        ],
        "related": ["ban-chokeholds-and-strangleholds", "require-comprehensive-reporting", "body-worn-cameras"],
    },
    {
        "slug": "ban-shooting-at-moving-vehicles",
        "title": "Ban shooting at moving vehicles",
        "kind": "policy",
        "themes": ["use_of_force"],
        "problem": (
            "Shooting at a moving car rarely stops it, can kill passengers or bystanders, and can leave the vehicle "
            "out of control."
        ),
        "population": "Drivers, passengers and bystanders; officers on traffic and patrol duty.",
        "origin_place": "",
        "origin_country": "US",
        "origin_year": 1972,
        "summary": (
            "A rule forbidding officers to shoot at or from moving vehicles unless someone inside is using deadly "
            "force by means other than the vehicle. New York adopted it in 1972 and its police shootings fell sharply "
            "afterwards; the evidence is before-and-after and correlational, not experimental."
        ),
        "body": (
            "This rule forbids officers to fire at a moving vehicle, or from one, except when someone inside is using "
            "or threatening deadly force by means other than the vehicle itself. Officers are trained to get out of a "
            "vehicle's path instead. The Police Executive Research Forum (PERF) made it one of its 2016 Guiding "
            "Principles on Use of Force and later added an exception for a driver using a vehicle as a weapon in an "
            "apparent terrorist attack.\n"
            "\n"
            "## Origins in New York\n"
            "In August 1972 the New York City Police Department adopted firearms guidelines far more restrictive than "
            "the law then required, and PERF dates the ban on shooting at vehicles to New York in that year. James "
            "Fyfe studied every reported NYPD firearm discharge from 1971 to 1975 and found large falls in shootings "
            "at fleeing suspects, in warning shots and in people injured or killed by police gunfire after the new "
            "rules, together with fewer officers killed or seriously injured. PERF reports that police shootings in "
            "New York fell from nearly 1,000 in 1972 to 665 the following year. Departments in Boston, Chicago, "
            "Cincinnati, Denver, Philadelphia and Washington, DC have since adopted the ban.\n"
            "\n"
            "## What we know\n"
            "Fyfe's study compares one city before and after a package of rules, so it cannot separate the vehicle "
            "rule from the other changes or from wider trends. Campaign Zero's 2016 comparison of large city "
            "departments is cross-sectional. No controlled evaluation of the vehicle rule on its own was found.\n"
            "\n"
            "## What to watch for\n"
            "- Train officers not to step in front of vehicles, and review every shooting at a vehicle.\n"
            "- Keep the exception narrow, so that a car moving towards an officer does not by itself justify shooting."
        ),
        "rating": "inconclusive",
        "study_count": 2,
        "study_design": (
            "1 before-and-after study of New York's 1972 firearms guidelines (Fyfe, 1979); 1 cross-sectional "
            "comparison of large US city police departments (Campaign Zero, 2016)"
        ),
        "single_study": False,
        "emmie": {
            "effect": (
                "A before-and-after study of New York's 1972 firearms guidelines found large falls in police shootings "
                "and in people hurt or killed, without more officer casualties, but it evaluated a package of rules in "
                "one city. No controlled evaluation of the vehicle rule on its own was found."
            ),
            "mechanism": (
                "Removes a kind of shooting that seldom stops a vehicle and endangers passengers and bystanders, and "
                "pushes officers to move out of the way instead."
            ),
            "moderators": (
                "Depends on training officers to avoid a vehicle's path, on how narrowly the exceptions are written, "
                "and on review and discipline."
            ),
            "implementation": (
                "Policy text with a narrow exception, scenario training on vehicle encounters, and a review of every "
                "incident in which officers fire at a vehicle."
            ),
            "economic_cost": "Low; mainly training. No cost data found.",
        },
        "transfer": {
            "police_levels": ["municipal", "regional", "national"],
            "mayoral_control": "helps",
            "legal_system": (
                "An internal policy that any police agency can adopt without new legislation; where the mayor does not "
                "control the police, the regional or national authority that does must adopt it. Works in civil and "
                "common law systems."
            ),
        },
        "sources": [
            {
                "title": "Administrative interventions on police shooting discretion: An empirical examination",
                "publisher": "Journal of Criminal Justice",
                "year": 1979,
                "url": "https://doi.org/10.1016/0047-2352(79)90065-5",
            },
            {
                "title": "Critical Issues Report, June 22, 2020",
                "publisher": "Police Executive Research Forum",
                "year": 2020,
                "url": "https://perf.memberclicks.net/criticalissuesjune22",
            },
            {
                "title": "Use of Force: Taking Policing to a Higher Standard (30 Guiding Principles)",
                "publisher": "Police Executive Research Forum",
                "year": 2016,
                "url": "https://arks.princeton.edu/ark:/88435/dsp01zs25xc211",
            },
            {
                "title": "8 Can't Wait",
                "publisher": "Campaign Zero",
                "year": 2020,
                "url": "https://8cantwait.org/",
            },
        ],
        "related": [
            "exhaust-alternatives-before-shooting",
            "require-warning-before-shooting",
            "require-comprehensive-reporting",
        ],
    },
    {
        "slug": "require-comprehensive-reporting",
        "title": "Require comprehensive reporting",
        "kind": "policy",
        "themes": ["use_of_force", "oversight"],
        "problem": (
            "Many uses of force, including pointing a gun at someone, are never recorded, so supervisors and the "
            "public cannot see patterns or hold officers to account."
        ),
        "population": "Police officers and supervisors; oversight bodies, researchers and residents who use the data.",
        "origin_place": "",
        "origin_country": "US",
        "origin_year": 2016,
        "summary": (
            "A rule that officers must report every use of force and, in stronger versions, every time they point a "
            "firearm at someone, so supervisors can review it and the public can see the data. Two cross-sectional US "
            "studies associate such reporting with fewer deaths; neither can show cause and effect."
        ),
        "body": (
            "Comprehensive reporting means that every use of force, from a control hold to a shooting, is written up "
            "and reviewed, and that threats of force - above all pointing a gun at a person - are recorded too. "
            "Campaign Zero made it one of the #8CantWait rules, and PERF's 2016 Guiding Principles also ask agencies "
            "to document use-of-force incidents, review the data to check that enforcement is fair, and publish "
            "regular reports.\n"
            "\n"
            "## What we know\n"
            "Two studies compare US departments at one point in time. Campaign Zero's 2016 analysis found fewer "
            "killings in departments with more restrictive use-of-force policies overall. Jennings and Rubado (2017) "
            "linked a large national dataset of gun deaths caused by police to data on agency policies and local "
            "conditions, and found that a requirement to file a report whenever an officer points a gun at someone was "
            "associated with lower rates of officer-involved gun deaths. Both studies are correlational: agencies that "
            "require such reports may differ from others in ways the data do not capture.\n"
            "\n"
            "## Why it may matter\n"
            "Reporting makes force visible. Supervisors can spot officers or units with unusual patterns, trainers can "
            "learn from incidents, and oversight bodies and residents can follow trends. An officer who knows that "
            "drawing and pointing a gun will be reviewed may think twice before doing it.\n"
            "\n"
            "## What to watch for\n"
            "- Define what must be reported (including pointing a firearm), set deadlines and require review by a "
            "supervisor.\n"
            "- Check reports against other records, such as complaints and camera footage, and audit for "
            "under-reporting.\n"
            "- Publish aggregated data regularly while protecting the privacy of the people involved."
        ),
        "rating": "inconclusive",
        "study_count": 2,
        "study_design": (
            "2 cross-sectional studies of US police agencies (Campaign Zero, 2016; Jennings and Rubado, 2017)"
        ),
        "single_study": False,
        "emmie": {
            "effect": (
                "Two cross-sectional US studies associate reporting requirements - especially reporting when a gun is "
                "pointed at someone - with fewer deaths caused by police. Neither can rule out that agencies with such "
                "rules differ in other ways; no before-and-after or experimental evaluation was found."
            ),
            "mechanism": (
                "Reporting raises the chance that an officer's actions will be reviewed, which may deter unnecessary "
                "force, and gives supervisors the data to step in early."
            ),
            "moderators": (
                "Works only if reports are complete and actually reviewed; where reporting is a formality and no "
                "consequences follow, little may change."
            ),
            "implementation": (
                "Report forms or software, clear thresholds for what must be reported, supervisor review within set "
                "deadlines, audits, and regular publication of aggregated data."
            ),
            "economic_cost": (
                "Officer and supervisor time for writing and reviewing reports, plus data systems. No cost-benefit "
                "study found."
            ),
        },
        "transfer": {
            "police_levels": ["municipal", "regional", "national"],
            "mayoral_control": "helps",
            "legal_system": (
                "Internal policy for any agency, or a legal duty set by local, state or national law. Publishing data "
                "must respect data-protection law, which is strict in the EU."
            ),
        },
        "sources": [
            {
                "title": (
                    "Preventing the Use of Deadly Force: The Relationship between Police Agency Policies and Rates of "
                    "Officer-Involved Gun Deaths"
                ),
                "publisher": "Public Administration Review",
                "year": 2017,
                "url": "https://doi.org/10.1111/puar.12738",
            },
            {
                "title": "Police Use of Force Policy Analysis",
                "publisher": "Campaign Zero",
                "year": 2016,
                "url": "https://just-tech.ssrc.org/citation/police-use-of-force-policy-analysis/",
            },
            {
                "title": "Use of Force: Taking Policing to a Higher Standard (30 Guiding Principles)",
                "publisher": "Police Executive Research Forum",
                "year": 2016,
                "url": "https://arks.princeton.edu/ark:/88435/dsp01zs25xc211",
            },
            {
                "title": "8 Can't Wait",
                "publisher": "Campaign Zero",
                "year": 2020,
                "url": "https://8cantwait.org/",
            },
        ],
        "related": ["body-worn-cameras", "duty-to-intervene", "use-of-force-continuum"],
    },
    {
        "slug": "koban",
        "title": "Koban (neighbourhood police posts)",
        "kind": "model",
        "themes": ["community_policing", "restructuring"],
        "problem": (
            "Police who arrive only by car after a call stay distant from residents, who in turn know little of their "
            "officers and pass on little information."
        ),
        "population": (
            "Residents of a neighbourhood, including older people, children and visitors; officers assigned to small "
            "fixed posts and the area around them."
        ),
        "origin_place": "Tokyo",
        "origin_country": "JP",
        "origin_year": 1874,
        "summary": (
            "Japan's koban are small police posts from which a few officers patrol a small area, take reports, help "
            "with lost property and directions, and get to know residents. The first koban date from 1874; Singapore "
            "adapted the model from 1983 and São Paulo from 1997. It is widely admired, but no rigorous impact "
            "evaluation was found."
        ),
        "body": (
            "A koban is a small police post on a street corner, near a station or in a residential area. Depending on "
            "the location, one to a dozen officers work from it, sometimes around the clock. They keep watch, patrol "
            "the surrounding area, take reports of crime and lost property, give directions and get to know the people "
            "in their beat. For many residents the koban officer is the everyday face of the police.\n"
            "\n"
            "## History\n"
            "The first koban appeared in 1874, early in the Meiji era, the same year the Tokyo police force that "
            "became today's Metropolitan Police Department was founded under Kawaji Toshiyoshi, who had studied "
            "European police systems. In 2010 Japan had at least 6,000 koban, some 1,200 of them in the Tokyo area.\n"
            "\n"
            "## Export\n"
            "- **Singapore** invited a team of Japanese experts in 1981 and opened its first eight Neighbourhood "
            "Police Posts in June 1983, one per constituency, each staffed by 12 to 16 officers. The roll-out was "
            "completed in 1994, and by 2000 there were 91 posts, working alongside larger Neighbourhood Police "
            "Centres.\n"
            "- **São Paulo**, Brazil, where the state police began introducing koban-style community bases in 1997, "
            "has worked with Japanese police experts through Japan's development agency JICA. By 2011 nearly half of "
            "Brazil's 27 states had taken up the idea, and it had spread to El Salvador, Guatemala, Honduras and "
            "Nicaragua.\n"
            "\n"
            "## What to watch for\n"
            "Admirers credit koban with part of Japan's low street crime, but crime levels have many causes and no "
            "controlled evaluation of koban was found. Staffing many small posts around the clock is expensive. Close "
            "knowledge of households can turn into surveillance where there is no independent oversight. Cities "
            "adopting the model should redesign it for local conditions rather than copy it."
        ),
        "rating": "inconclusive",
        "study_count": 0,
        "study_design": (
            "No controlled impact evaluation found; the evidence is descriptive (official accounts and case studies of "
            "Japan, Singapore and Brazil)"
        ),
        "single_study": False,
        "emmie": {
            "effect": (
                "Unknown. Koban are widely praised and have been adopted abroad, but no study was found that compares "
                "crime, trust or police conduct in areas with and without koban under a credible design."
            ),
            "mechanism": (
                "A permanent, visible local post makes officers easy to reach, deters some crime by presence, and "
                "builds relationships through which residents report problems and share information."
            ),
            "moderators": (
                "Likely depends on population density, officers staying long enough to know the area, the trust "
                "residents already have in the police, and whether posts are actually staffed."
            ),
            "implementation": (
                "Needs premises in many small locations, enough officers to staff them, a mandate that values service "
                "and local knowledge, and links to the wider force for investigations and emergencies."
            ),
            "economic_cost": (
                "Staffing many fixed posts is costly; Singapore's 1983 posts each needed 12 to 16 officers. No "
                "cost-effectiveness study was found."
            ),
        },
        "transfer": {
            "police_levels": ["municipal", "regional", "national"],
            "mayoral_control": "helps",
            "legal_system": (
                "Needs no special legislation. Japan runs koban through prefectural police, Singapore through a "
                "national force and São Paulo through a state police, so mayoral control helps but is not required."
            ),
        },
        "sources": [
            {
                "title": "Helping to Tackle Brazil's Homicide Problem",
                "publisher": "Japan International Cooperation Agency (JICA)",
                "year": 2010,
                "url": "https://www.jica.go.jp/english/news/field/2010/20101220_01.html",
            },
            {
                "title": "Focus on Latin America: The Koban principle",
                "publisher": "Japan International Cooperation Agency (JICA)",
                "year": 2011,
                "url": "https://www.jica.go.jp/english/news/focus_on/latin2011/latin_09.html",
            },
            {
                "title": "Community Policing in the Context of Singapore (Resource Material Series No. 56)",
                "publisher": "UNAFEI; abstract in the NCJRS Virtual Library, U.S. Office of Justice Programs",
                "year": 2000,
                "url": (
                    "https://www.ojp.gov/ncjrs/virtual-library/abstracts/community-policing-context-singapore-resource-"
                    "material-series-no-56"
                ),
            },
            {
                "title": "Tokyo police mark 150 years since founding (Jiji Press report)",
                "publisher": "The Japan Times",
                "year": 2024,
                "url": "https://japantimes.co.jp/news/2024/01/15/japan/crime-legal/tokyo-police-150-years",
            },
        ],
        "related": ["glasgow-violence-reduction-unit", "tbilisi-patrol-police-reform"],
    },
    {
        "slug": "glasgow-violence-reduction-unit",
        "title": "Scottish Violence Reduction Unit (Glasgow)",
        "kind": "model",
        "themes": ["public_health", "community_policing"],
        "problem": (
            "Glasgow and the west of Scotland suffered persistently high levels of knife crime and gang violence among "
            "young men."
        ),
        "population": (
            "Young people, especially young men in deprived areas who are involved in gangs or carry weapons; also "
            "their families, schools, hospitals and social services."
        ),
        "origin_place": "Glasgow",
        "origin_country": "GB",
        "origin_year": 2005,
        "summary": (
            "A small police-based unit set up by Strathclyde Police in Glasgow in 2005 and made national in 2006, "
            "which treats violence as a public health problem. Its gang programme, CIRV, was linked to a bigger fall "
            "in weapon carrying than in a comparison group. Violence and homicide in Scotland then fell substantially, "
            "but the unit's share in that fall is unknown."
        ),
        "body": (
            "Strathclyde Police set up the Violence Reduction Unit (VRU) in January 2005 to tackle all forms of "
            "violence, above all knife crime and weapon carrying among young men in and around Glasgow. In April 2006 "
            "the Scottish Executive extended its remit to the whole of Scotland. The unit adopted the public health "
            "approach set out in the World Health Organization's 2002 World Report on Violence and Health: treat "
            "violence as preventable, find out where and why it happens, and work with health, education and social "
            "work as well as through enforcement.\n"
            "\n"
            "## How it works\n"
            "The unit is small. It is hosted by Police Scotland but funded through a separate Scottish Government "
            "grant of about £1.1 million a year (2024), and it works mainly by training professionals, testing "
            "programmes and spreading them with partners such as Medics Against Violence and YouthLink under "
            "Scotland's Violence Prevention Framework.\n"
            "\n"
            "## CIRV\n"
            "The Community Initiative to Reduce Violence (CIRV), set up in 2008, adapted the focused-deterrence "
            "approach used in US cities such as Boston and Cincinnati. Gang members were told plainly that violence "
            "would bring a firm response, and were offered diversionary activities, personal development and help "
            "towards employment in return for a pledge to give up violence and weapons. A preliminary evaluation "
            "compared 167 young men aged 16 to 29 who took part with gang-involved young men from an equally deprived "
            "part of the city. In the group followed for two years, violent offending fell by 52% among participants "
            "against 29% in the comparison group. The fall in physical violence was not significantly different, but "
            "weapon carrying fell far more (84% against 40%).\n"
            "\n"
            "## What to watch for\n"
            "Violence and homicide in Scotland fell substantially in the years that followed, and the unit reports "
            "that it played a key role in that fall. Many factors affect homicide, however, and no study has measured "
            "the unit's share. Copying the name without long-term funding, data and partnerships is unlikely to work."
        ),
        "rating": "inconclusive",
        "study_count": 2,
        "study_design": (
            "1 preliminary quasi-experimental evaluation of CIRV with a matched comparison group; 1 meta-analysis of "
            "24 quasi-experimental evaluations of focused-deterrence strategies"
        ),
        "single_study": False,
        "emmie": {
            "effect": (
                "Mixed and mostly indirect. The CIRV evaluation found a larger fall in weapon carrying among "
                "participants than in a comparison group, but no significant difference in physical violence. A "
                "meta-analysis of focused-deterrence programmes finds moderate crime reductions, smaller in stronger "
                "designs. Scotland's fall in homicide is real but cannot be attributed to the VRU on current evidence."
            ),
            "mechanism": (
                "Treats violence like a health problem: identify the people and places most at risk, pair a clear "
                "enforcement message with real offers of help, and change norms about carrying knives through schools, "
                "hospitals and communities."
            ),
            "moderators": (
                "Depends on sustained funding and political backing, on health, education and social work partners "
                "taking part, and on credible police follow-through for the focused-deterrence elements."
            ),
            "implementation": (
                "Needs a small dedicated team with analytical skills, a long time horizon, data sharing between "
                "police, hospitals and councils, and partners able to run services. CIRV-style work also needs case "
                "workers and training or job places."
            ),
            "economic_cost": (
                "The unit's own grant is about £1.1 million a year (2024); partner programmes are funded separately. "
                "No cost-benefit analysis of the VRU was found."
            ),
        },
        "transfer": {
            "police_levels": ["municipal", "regional", "national"],
            "mayoral_control": "helps",
            "legal_system": (
                "Needed no new law: it was created administratively by a police force and funded by the Scottish "
                "Government. Data sharing between police, health and councils must respect data-protection law."
            ),
        },
        "sources": [
            {
                "title": (
                    "Addressing gang-related violence in Glasgow: A preliminary pragmatic quasi-experimental "
                    "evaluation of the Community Initiative to Reduce Violence (CIRV)"
                ),
                "publisher": "Aggression and Violent Behavior",
                "year": 2014,
                "url": "https://doi.org/10.1016/j.avb.2014.09.011",
            },
            {
                "title": (
                    "Focused Deterrence Strategies and Crime Control: An Updated Systematic Review and Meta-Analysis "
                    "of the Empirical Evidence"
                ),
                "publisher": "Criminology & Public Policy",
                "year": 2018,
                "url": "https://doi.org/10.1111/1745-9133.12353",
            },
            {
                "title": "Paolo Pertica Award 2012: The Scottish Violence Reduction Unit",
                "publisher": "International Society of City Health",
                "year": 2012,
                "url": "https://cityhealthinternational.org/paolo-pertica-award/award-2012",
            },
            {
                "title": "Scottish Violence Reduction Unit Annual Report - 18 September 2024",
                "publisher": "Scottish Police Authority",
                "year": 2024,
                "url": (
                    "https://spa.police.uk/publication-library/scottish-violence-reduction-unit-annual-report-18-"
                    "september-2024/background"
                ),
            },
        ],
        "related": ["violence-interruption", "youth-mentorship", "koban"],
    },
    {
        "slug": "tbilisi-patrol-police-reform",
        "title": "Georgia's patrol police reform",
        "kind": "institutional_reform",
        "themes": ["restructuring", "oversight", "training"],
        "problem": (
            "Georgia's traffic police were notorious for stopping drivers to extort small bribes and were among the "
            "least trusted institutions in the country."
        ),
        "population": (
            "Residents and drivers in Georgia; police officers, who were dismissed and replaced largely by new "
            "recruits."
        ),
        "origin_place": "Tbilisi",
        "origin_country": "GE",
        "origin_year": 2004,
        "summary": (
            "After the 2003 Rose Revolution, Georgia's new government took about 16,000 traffic police off the streets "
            "in a single day in 2004 and built a new Patrol Police, starting in Tbilisi, with new recruits, better pay "
            "and strict integrity checks. Petty police bribery almost disappeared, but the top-down reform did not by "
            "itself make the police accountable."
        ),
        "body": (
            "Before 2004, drivers in Georgia expected to be stopped by traffic police for a bribe. After the Rose "
            "Revolution of late 2003, President Mikheil Saakashvili's government made police reform its signature "
            "initiative and the opening front of a government-wide campaign against corruption.\n"
            "\n"
            "## What was done\n"
            "- **Dismissal.** The reformers concluded that the traffic police could not be reformed bit by bit, "
            "because new recruits would be drawn into the existing corruption. In 2004 the government took about "
            "16,000 traffic police off the streets in a single day, softening the blow with two months' pay and an "
            "amnesty for past offences.\n"
            "- **A new force.** A new Patrol Police, starting in the capital, Tbilisi, was built largely from new "
            "recruits, with new training and much better pay. By the end of 2006 every member of the country's "
            "uniformed police had been dismissed and replaced.\n"
            "- **Integrity testing.** Undercover officers tested whether police followed the rules - for example by "
            "offering a bribe after being stopped for a broken headlight, or by filing a complaint to see whether it "
            "was followed up.\n"
            "- **Service culture.** Officers were trained to be courteous and helpful, and drivers who had braced for "
            "extortion found themselves asked how they could be helped.\n"
            "\n"
            "## Results\n"
            "Petty police corruption fell sharply. In Transparency International's 2010 Global Corruption Barometer, "
            "only Finland, of the 86 countries surveyed, scored better than Georgia on perceived police corruption. "
            "This evidence comes from surveys and case studies, not from a controlled evaluation, and many other "
            "reforms happened at the same time.\n"
            "\n"
            "## What to watch for\n"
            "The reform was driven from the top by a government with a large electoral mandate. Independent "
            "assessments found that while street-level bribery was largely eliminated, human rights abuses and weak "
            "external accountability persisted in the wider Interior Ministry, and the reformed police became closely "
            "associated with the ruling president. Anyone copying the model needs control over hiring, firing and pay "
            "- and the independent oversight that Georgia lacked."
        ),
        "rating": "inconclusive",
        "study_count": 2,
        "study_design": (
            "2 case studies (World Bank, 2012; Light, 2014) drawing on before-and-after surveys and interviews; no "
            "controlled evaluation"
        ),
        "single_study": False,
        "emmie": {
            "effect": (
                "Surveys and case studies show a large and lasting fall in petty police bribery and a rise in public "
                "confidence after the reform. There was no controlled evaluation and other reforms ran in parallel; "
                "gains in accountability for abuse of force were much weaker."
            ),
            "mechanism": (
                "Removing an entrenched corrupt workforce at once broke the networks that sustained bribery; better "
                "pay, new recruitment and credible integrity testing raised the risk and lowered the need to take "
                "bribes."
            ),
            "moderators": (
                "Depended on a rare political moment with a strong mandate and public support, on a small country, and "
                "on sustained political will. Without independent oversight the gains were uneven."
            ),
            "implementation": (
                "Requires legal power to dismiss staff, money for higher salaries, a plan for the gap in coverage, "
                "rapid recruitment and training, internal units able to run integrity tests, and clear public "
                "communication."
            ),
            "economic_cost": (
                "Much higher salaries and new training were substantial costs for a poor state; no full cost "
                "accounting was found."
            ),
        },
        "transfer": {
            "police_levels": ["municipal", "national"],
            "mayoral_control": "required",
            "legal_system": (
                "Georgia acted through national legislation and its Interior Ministry. A city can repeat it only if it "
                "controls the hiring, dismissal and pay of its own force; labour law and union agreements may limit "
                "mass dismissals."
            ),
        },
        "sources": [
            {
                "title": "Fighting Corruption in Public Services: Chronicling Georgia's Reforms",
                "publisher": "The World Bank",
                "year": 2012,
                "url": "https://doi.org/10.1596/978-0-8213-9475-5",
            },
            {
                "title": (
                    "Police reforms in the Republic of Georgia: the convergence of domestic and foreign policy in an "
                    "anti-corruption drive"
                ),
                "publisher": "Policing and Society",
                "year": 2014,
                "url": "https://doi.org/10.1080/10439463.2013.784289",
            },
            {
                "title": "Seizing the Reform Moment: Rebuilding Georgia's Police, 2004-2006",
                "publisher": "Innovations for Successful Societies, Princeton University",
                "year": 2010,
                "url": (
                    "https://successfulsocieties.princeton.edu/publications/seizing-reform-moment-rebuilding-georgias-"
                    "police-2004-2006"
                ),
            },
            {
                "title": "Police reform in Georgia: Cracks in an anti-corruption success story",
                "publisher": "U4 Anti-Corruption Resource Centre, Chr. Michelsen Institute",
                "year": 2010,
                "url": "https://hdl.handle.net/11250/2474643",
            },
        ],
        "related": ["koban", "require-comprehensive-reporting"],
    },
    {
        "slug": "mental-health-crisis-response-teams",
        "title": "Mental health crisis response teams",
        "kind": "program",
        "themes": ["crisis_response", "public_health"],
        "problem": (
            "Armed police are sent to many calls about mental illness, addiction and homelessness that need care "
            "rather than law enforcement, and some of these encounters end in injury, arrest or death."
        ),
        "population": (
            "People in mental health or substance-use crisis, people experiencing homelessness, their families, and "
            "the emergency dispatchers who route calls."
        ),
        "origin_place": "Eugene",
        "origin_country": "US",
        "origin_year": 1989,
        "summary": (
            "Unarmed teams of health workers answer some emergency calls instead of police. CAHOOTS in Eugene, Oregon, "
            "has done so since 1989; Stockholm's psychiatric emergency vehicle (PAM) started in 2015; in a "
            "quasi-experimental study, Denver's STAR pilot, started in 2020, cut reports of targeted low-level crimes "
            "by 34%."
        ),
        "body": (
            "Civilian crisis teams send health workers, not armed officers, to emergency calls about mental distress, "
            "intoxication, homelessness or people who need a welfare check. Dispatchers route suitable calls to the "
            "team, and police are brought in mainly where there is a risk of violence.\n"
            "\n"
            "## Examples\n"
            "- **CAHOOTS, Eugene (Oregon, United States).** Run by White Bird Clinic since 1989 and dispatched through "
            "the local emergency system, CAHOOTS sends two-person teams: a medic (a nurse, paramedic or emergency "
            "medical technician) and a crisis worker with mental health experience. The clinic reports about 24,000 "
            "calls in 2019, with police backup requested 150 times. A later city estimate, summarised by the National "
            "League of Cities, put the share of calls that police would otherwise have handled at 3-8%, lower than "
            "figures often quoted.\n"
            "- **PAM, Stockholm (Sweden).** A psychiatric emergency response vehicle staffed by two specialist "
            "psychiatric nurses and a paramedic started in spring 2015, focusing on people at acute risk of suicide. "
            "In its first year it attended 1,254 cases; about a third needed no further action after an assessment on "
            "the spot.\n"
            "- **STAR, Denver (Colorado, United States).** From June 2020 a mental health clinician and a paramedic "
            "answered selected emergency calls in eight police precincts. A preregistered quasi-experimental study "
            "found that reports of the targeted, less serious crimes - such as trespassing and public disorder - fell "
            "by 34%, with no detectable change in serious crime.\n"
            "\n"
            "## What to watch for\n"
            "- Dispatch protocols decide success: teams need clear criteria and a direct line from the emergency "
            "number.\n"
            "- Demand can outgrow a small service; plan capacity and hours from the start.\n"
            "- Teams need somewhere to take people: crisis beds, detoxification and housing services.\n"
            "- Part of STAR's effect came from health workers being less likely to report people as offenders. That is "
            "a benefit, but it means crime data must be read with care."
        ),
        "rating": "promising",
        "study_count": 1,
        "study_design": (
            "1 preregistered quasi-experimental study (Denver STAR); descriptive service evaluations of CAHOOTS and "
            "Stockholm PAM"
        ),
        "single_study": True,
        "emmie": {
            "effect": (
                "One preregistered quasi-experimental study (Denver STAR) found a 34% fall in reports of targeted less "
                "serious crimes and no change in serious crime. Evidence on health outcomes, injuries and deaths is "
                "thin; CAHOOTS and PAM have descriptive evaluations, not controlled ones."
            ),
            "mechanism": (
                "Sends people with clinical skills to situations that need care, avoids arrests for low-level offences "
                "linked to illness or poverty, and frees police time for other calls."
            ),
            "moderators": (
                "Depends on dispatch rules, hours of operation, local mental health and housing services, and trust "
                "between the team, dispatchers and police."
            ),
            "implementation": (
                "Needs a provider (health service or non-profit), integration with the emergency call system, training "
                "for dispatchers, vehicles, round-the-clock staffing where possible, and agreed rules on when police "
                "are called."
            ),
            "economic_cost": (
                "White Bird Clinic reported a CAHOOTS budget of about $2.1 million a year, against combined police "
                "budgets in Eugene and Springfield of about $90 million; a later city estimate put police wage savings "
                "at about $2.2 million a year. No independent cost-benefit study was found."
            ),
        },
        "transfer": {
            "police_levels": ["municipal", "regional", "national"],
            "mayoral_control": "helps",
            "legal_system": (
                "Usually needs no change to police law; health regulation, professional licensing and rules on "
                "involuntary detention shape what teams may do. Works in civil and common law systems."
            ),
        },
        "sources": [
            {
                "title": "CAHOOTS (Crisis Assistance Helping Out On The Streets)",
                "publisher": "White Bird Clinic",
                "year": 2020,
                "url": "https://whitebirdclinic.org/",
            },
            {
                "title": "Eugene, OR: Crisis Assistance Helping Out On The Streets (CAHOOTS)",
                "publisher": "National League of Cities",
                "year": 2023,
                "url": (
                    "https://www.nlc.org/resource/reimagining-public-safety-impact-updates/eugene-or-community-"
                    "response-model/"
                ),
            },
            {
                "title": "A community response approach to mental health and substance abuse crises reduced crime",
                "publisher": "Science Advances",
                "year": 2022,
                "url": "https://doi.org/10.1126/sciadv.abm2106",
            },
            {
                "title": (
                    "First-year follow-up of the Psychiatric Emergency Response Team (PAM) in Stockholm County, "
                    "Sweden: A descriptive study"
                ),
                "publisher": "International Journal of Mental Health",
                "year": 2017,
                "url": "https://doi.org/10.1080/00207411.2016.1264040",
            },
        ],
        "related": ["require-de-escalation", "violence-interruption", "investment-in-public-services"],
    },
    {
        "slug": "violence-interruption",
        "title": "Violence interruption",
        "kind": "program",
        "themes": ["public_health", "public_investment"],
        "problem": (
            "In a few neighbourhoods, shootings follow chains of disputes and retaliation that police enforcement "
            "alone does not break."
        ),
        "population": (
            "Young people, mostly young men, at the highest risk of shooting or being shot in neighbourhoods with "
            "concentrated gun violence; their families and communities."
        ),
        "origin_place": "Chicago",
        "origin_country": "US",
        "origin_year": 1999,
        "summary": (
            "Programmes such as Chicago's CeaseFire, the model now known as Cure Violence, employ trusted community "
            "members to mediate disputes, head off retaliation and link high-risk young people to help. Evaluations "
            "are mixed: some sites saw fewer shootings, others no change, and one replication saw assaults rise."
        ),
        "body": (
            "Violence interruption treats shootings like an infectious disease that spreads from one incident to the "
            "next. The best-known model began in Chicago as CeaseFire, run by the Chicago Project for Violence "
            'Prevention from 1999, and is now known as Cure Violence. It employs outreach workers and "violence '
            'interrupters" - often people with credibility on the street, including some with past involvement in '
            "violence - who learn of brewing conflicts, mediate before they turn into shootings, calm tempers after an "
            "incident to prevent retaliation, and connect young people at the highest risk to jobs, education and "
            "other services. Programmes also organise community responses after shootings to change local norms about "
            "violence. Baltimore's Safe Streets and many other programmes copied the model.\n"
            "\n"
            "## What evaluations found\n"
            "- **Chicago (2008).** A study for the US National Institute of Justice examined seven CeaseFire sites. In "
            "six, shooting hot spots shrank; in four of these the decline was linked to the programme, and in the "
            "other two the evidence was inconclusive. The authors noted that a large, poorly understood citywide fall "
            "in violence made attribution difficult.\n"
            "- **Baltimore (2013).** Safe Streets was associated with large falls in homicides and non-fatal shootings "
            "in South Baltimore. In three East Baltimore sites results were mixed, including a rise in homicides "
            "alongside a fall in non-fatal shootings in one area.\n"
            "- **Baltimore again (2022).** A longer-term study using synthetic control methods across seven sites "
            "found effects ranging from beneficial to harmful to none, and earlier gains fading over time.\n"
            "- **Pittsburgh (2011).** One Vision One Life was not associated with changes in homicide and was "
            "associated with increases in aggravated and gun assaults in its target areas.\n"
            "\n"
            "## What to watch for\n"
            "Results appear to depend on implementation: hiring credible staff, training and supervising them, keeping "
            "caseloads manageable, targeting the right people and sustaining funding. Build independent evaluation in "
            "from the start, and be ready to change course if a site is not working."
        ),
        "rating": "inconclusive",
        "study_count": 4,
        "study_design": (
            "4 quasi-experimental evaluations (Chicago 2008; Baltimore 2013 and 2022, the latter with synthetic "
            "controls; Pittsburgh 2011); no randomised trial"
        ),
        "single_study": False,
        "emmie": {
            "effect": (
                "Mixed. Quasi-experimental studies in Chicago and Baltimore found fewer shootings at some sites, but "
                "other sites saw no change or increases, a Pittsburgh programme was associated with more assaults, and "
                "a long-term Baltimore study found early gains fading. No randomised trial exists."
            ),
            "mechanism": (
                "Credible messengers mediate conflicts and interrupt retaliation, and over time try to change local "
                "norms that treat shooting as an acceptable response."
            ),
            "moderators": (
                "Effects vary by site, staff quality, supervision, caseloads, the dynamics of local groups, and the "
                "stability of funding."
            ),
            "implementation": (
                "Needs a host organisation, careful hiring and training of outreach workers, support for workers' own "
                "safety and wellbeing, good data on shootings, and working relationships with hospitals and, with "
                "care, with the police."
            ),
            "economic_cost": (
                "Staff-intensive; costs depend on the number of workers per site. The evaluations cited here do not "
                "provide a robust cost-benefit estimate."
            ),
        },
        "transfer": {
            "police_levels": ["municipal", "regional", "national"],
            "mayoral_control": "not_needed",
            "legal_system": (
                "Needs no change to police law; usually funded from city or health budgets and run by non-profits. "
                "Hiring people with criminal records may require changes to employment vetting rules."
            ),
        },
        "sources": [
            {
                "title": "Evaluation of CeaseFire-Chicago",
                "publisher": "National Institute of Justice (NCJRS)",
                "year": 2008,
                "url": "https://www.ncjrs.gov/app/publications/abstract.aspx?ID=249182",
            },
            {
                "title": (
                    "Effects of Baltimore's Safe Streets Program on Gun Violence: A Replication of Chicago's CeaseFire "
                    "Program"
                ),
                "publisher": "Journal of Urban Health",
                "year": 2013,
                "url": "https://doi.org/10.1007/s11524-012-9731-5",
            },
            {
                "title": (
                    "Using synthetic control methodology to estimate effects of a Cure Violence intervention in "
                    "Baltimore, Maryland"
                ),
                "publisher": "Injury Prevention",
                "year": 2022,
                "url": "https://doi.org/10.1136/injuryprev-2020-044056",
            },
            {
                "title": "Community-driven violence reduction programs: Examining Pittsburgh's One Vision One Life",
                "publisher": "Criminology & Public Policy",
                "year": 2011,
                "url": "https://doi.org/10.1111/j.1745-9133.2011.00762.x",
            },
        ],
        "related": ["glasgow-violence-reduction-unit", "youth-mentorship", "investment-in-public-services"],
    },
    {
        "slug": "youth-mentorship",
        "title": "Youth mentorship",
        "kind": "program",
        "themes": ["public_investment", "public_health"],
        "problem": (
            "Young people in disadvantaged neighbourhoods face high risks of violence, arrest and dropping out of "
            "school, and many lack adults outside the family who can guide and support them."
        ),
        "population": (
            "Children and teenagers at risk of delinquency or violence, especially in high-crime areas; the schools "
            "and youth organisations that host programmes."
        ),
        "origin_place": "",
        "origin_country": "",
        "origin_year": None,
        "summary": (
            "Programmes that pair young people with mentors or small-group counsellors. A meta-analysis of 46 "
            "evaluations finds modest falls in delinquency; Chicago's Becoming a Man, a school-based group programme, "
            "cut violent-crime arrests by 45-50% in two randomised trials. But one classic mentoring experiment did "
            "lasting harm."
        ),
        "body": (
            "Mentoring programmes link young people at risk of getting into trouble with an adult - a volunteer, a "
            "paid mentor or a counsellor - who meets them regularly, offers advice and support, speaks up for them and "
            "helps them reach services. Versions range from one-to-one befriending to structured group sessions in "
            "schools.\n"
            "\n"
            "## Evidence\n"
            "- **Meta-analysis.** Tolan and colleagues reviewed 46 randomised or strong quasi-experimental evaluations "
            "published between 1970 and 2011. Mentoring had modest positive effects on delinquency and related "
            "outcomes, with wide variation between programmes. Effects were larger where mentors emphasised emotional "
            "support and advocacy, and where mentors took part for their own professional development.\n"
            "- **Becoming a Man (Chicago).** Developed by the non-profit Youth Guidance, BAM works with groups of boys "
            "in school and teaches them to slow down and reflect on whether their automatic reactions suit the "
            "situation they are in. In two randomised trials (2009-10 and 2013-15), taking part reduced total arrests "
            "during the programme by 28-35% and violent-crime arrests by 45-50%, and the first trial also raised "
            "graduation rates. The researchers found no evidence that the effect came from generic mentoring, so BAM "
            "is better seen as a structured, therapy-informed programme than as simple mentoring.\n"
            "- **A warning.** The Cambridge-Somerville Youth Study in Massachusetts, which began in 1939, randomly "
            "assigned boys either to counselling, mentoring and other services or to a control group. A follow-up "
            "published in 1978 found that those who received the services had committed more crimes and led less "
            "healthy lives than the control group. A recent follow-up found no difference in mortality, but the "
            "programme clearly did not deliver what it promised.\n"
            "\n"
            "## What to watch for\n"
            "Evaluate programmes against a control group, look for harm as well as benefit, take care when bringing "
            "high-risk young people together without skilled staff, and invest in recruiting, training and supervising "
            "mentors."
        ),
        "rating": "promising",
        "study_count": 4,
        "study_design": (
            "2 randomised controlled trials of Becoming a Man; 1 meta-analysis of 46 mentoring evaluations; 1 "
            "randomised study (Cambridge-Somerville) whose 30-year follow-up found harm"
        ),
        "single_study": False,
        "emmie": {
            "effect": (
                "A meta-analysis of 46 evaluations finds modest average falls in delinquency, with wide variation. Two "
                "randomised trials of Becoming a Man found large falls in violent-crime arrests during the programme; "
                "one early randomised study (Cambridge-Somerville) found long-term harm."
            ),
            "mechanism": (
                "A trusted adult offers support, advice and advocacy; structured programmes such as BAM teach young "
                "people to recognise situations in which automatic reactions lead to trouble."
            ),
            "moderators": (
                "Effects depend on how mentors are trained and motivated, on an emphasis on emotional support and "
                "advocacy, and on programme design; well-meant programmes can also do harm."
            ),
            "implementation": (
                "Recruitment, screening, training and supervision of mentors or counsellors; partnerships with "
                "schools; a plan for how long relationships last; and routine monitoring of outcomes."
            ),
            "economic_cost": (
                "The BAM researchers estimate benefit-cost ratios from about 5-to-1 up to 30-to-1 or more for the "
                "programmes they studied. Costs of other mentoring programmes vary widely."
            ),
        },
        "transfer": {
            "police_levels": ["municipal", "regional", "national"],
            "mayoral_control": "not_needed",
            "legal_system": (
                "Needs no change to police law; child-safeguarding rules, such as background checks for adults working "
                "with children, apply everywhere."
            ),
        },
        "sources": [
            {
                "title": "Thinking, Fast and Slow? Some Field Experiments to Reduce Crime and Dropout in Chicago",
                "publisher": "The Quarterly Journal of Economics",
                "year": 2017,
                "url": "https://doi.org/10.1093/qje/qjw033",
            },
            {
                "title": (
                    "Mentoring Programs to Affect Delinquency and Associated Outcomes of Youth At-Risk: A "
                    "Comprehensive Meta-Analytic Review"
                ),
                "publisher": "Journal of Experimental Criminology",
                "year": 2014,
                "url": "https://doi.org/10.1007/s11292-013-9181-4",
            },
            {
                "title": (
                    "Northeastern University researchers follow up on 80-year-old study of crime prevention program "
                    "that made a shocking discovery"
                ),
                "publisher": "Northeastern University (News@Northeastern)",
                "year": 2019,
                "url": (
                    "https://news.northeastern.edu/2019/04/10/northeastern-university-researchers-follow-up-on-40-year-"
                    "old-study-of-crime-prevention-program-that-made-a-shocking-discovery/"
                ),
            },
        ],
        "related": ["investment-in-public-services", "violence-interruption", "glasgow-violence-reduction-unit"],
    },
    {
        "slug": "investment-in-public-services",
        "title": "Investment in public places and services",
        "kind": "policy",
        "themes": ["public_investment", "public_health"],
        "problem": (
            "Neglected places and a lack of opportunities for young people make some neighbourhoods less safe, and "
            "policing alone does not change those conditions."
        ),
        "population": (
            "Residents of high-crime, low-income neighbourhoods, including public housing; young people looking for "
            "work."
        ),
        "origin_place": "",
        "origin_country": "",
        "origin_year": None,
        "summary": (
            "Spending on places and services around people can reduce violence. Randomised trials found less gun "
            "violence after vacant lots were cleaned and greened in Philadelphia, fewer night-time outdoor crimes "
            "after extra lighting in New York public housing, and fewer violent-crime arrests among Chicago students "
            "offered summer jobs."
        ),
        "body": (
            "Some of the strongest evidence on reducing violence comes from measures that involve no police at all: "
            "repairing the physical environment and giving young people work. City departments, housing authorities "
            "and community organisations can carry them out.\n"
            "\n"
            "## Evidence from randomised trials\n"
            "- **Vacant lots, Philadelphia.** In a citywide trial, 541 randomly sampled vacant lots were randomly "
            "assigned either to be restored or to serve as controls, and followed for 38 months. In neighbourhoods "
            "below the poverty line, restoration was followed by falls of about 29% in gun violence and 13% in crime "
            "overall, and nearby residents felt safer and spent more time outdoors. An earlier quasi-experimental "
            "study of more than 5,000 remediated abandoned buildings and vacant lots in the city had found reductions "
            "in gun violence and large returns on the money spent.\n"
            "- **Street lighting, New York.** In 2016, temporary light towers were randomly allocated to public "
            'housing developments. The provision of lighting led to at least a 36% fall in serious ("index") crimes '
            "committed outdoors at night. Arrests fell too, which suggests the lights deterred crime rather than "
            "producing more enforcement.\n"
            "- **Summer jobs, Chicago.** Among 1,634 disadvantaged high school students, those randomly offered an "
            "eight-week summer job had 43% fewer violent-crime arrests over the following 16 months, with most of the "
            "drop coming after the job had ended.\n"
            "\n"
            "## What to watch for\n"
            "Each result rests mainly on one trial in one US city, so replication elsewhere matters. Budget for "
            "maintenance so that lots and lights do not fall back into neglect, and aim jobs programmes at young "
            "people who are actually at risk. These measures do not replace fair policing; they belong in the same "
            "public-safety budget."
        ),
        "rating": "promising",
        "study_count": 4,
        "study_design": (
            "3 randomised controlled trials (vacant-lot restoration, Philadelphia; street lighting, New York; summer "
            "jobs, Chicago); 1 quasi-experimental study of blight remediation (Philadelphia)"
        ),
        "single_study": False,
        "emmie": {
            "effect": (
                "Randomised trials show falls in gun violence after vacant-lot restoration (Philadelphia), in "
                "night-time outdoor serious crime after extra lighting (New York public housing) and in violent-crime "
                "arrests after summer jobs (Chicago). Each intervention rests mainly on one trial in one city."
            ),
            "mechanism": (
                "Cleaned and lit spaces are harder to use for hiding weapons or committing crime unseen, and they "
                "bring residents outdoors; paid work gives young people income, structure and new relationships."
            ),
            "moderators": (
                "Vacant-lot effects were concentrated in neighbourhoods below the poverty line; lighting depends on "
                "where lights are placed; summer jobs were aimed at students in schools with high levels of violence."
            ),
            "implementation": (
                "Needs coordination between parks, housing, lighting and youth-employment services, reliable "
                "maintenance, and employers or community organisations willing to host young workers."
            ),
            "economic_cost": (
                "Vacant-lot restoration is low-cost per lot: a quasi-experimental study in Philadelphia estimated "
                "returns of about $26 to taxpayers and $333 to society for every dollar spent on vacant-lot "
                "remediation. The costs of lighting and summer jobs are not compared here."
            ),
        },
        "transfer": {
            "police_levels": ["municipal", "regional", "national"],
            "mayoral_control": "not_needed",
            "legal_system": (
                "Needs no change to police law; depends on land ownership and planning rules (vacant lots), utility "
                "contracts (lighting) and youth employment law (summer jobs)."
            ),
        },
        "sources": [
            {
                "title": (
                    "Citywide cluster randomized trial to restore blighted vacant land and its effects on violence, "
                    "crime, and fear"
                ),
                "publisher": "Proceedings of the National Academy of Sciences",
                "year": 2018,
                "url": "https://doi.org/10.1073/pnas.1718503115",
            },
            {
                "title": (
                    "Reducing Crime Through Environmental Design: Evidence from a Randomized Experiment of Street "
                    "Lighting in New York City"
                ),
                "publisher": "Journal of Quantitative Criminology",
                "year": 2022,
                "url": "https://doi.org/10.1007/s10940-020-09490-6",
            },
            {
                "title": "Summer jobs reduce violence among disadvantaged youth",
                "publisher": "Science",
                "year": 2014,
                "url": "https://doi.org/10.1126/science.1257809",
            },
            {
                "title": "Urban Blight Remediation as a Cost-Beneficial Solution to Firearm Violence",
                "publisher": "American Journal of Public Health",
                "year": 2016,
                "url": "https://doi.org/10.2105/AJPH.2016.303434",
            },
        ],
        "related": ["youth-mentorship", "violence-interruption", "mental-health-crisis-response-teams"],
    },
    {
        "slug": "body-worn-cameras",
        "title": "Body-worn cameras",
        "kind": "program",
        "themes": ["oversight", "surveillance", "use_of_force"],
        "problem": (
            "It is often hard to establish what happened in a police encounter, and it was hoped that recording "
            "encounters would deter misconduct and unnecessary force."
        ),
        "population": (
            "Police officers and the people they stop, arrest or help; complaint bodies, courts and oversight agencies "
            "that use the footage."
        ),
        "origin_place": "",
        "origin_country": "",
        "origin_year": None,
        "summary": (
            "Small cameras worn by officers to record encounters, adopted rapidly in the last decade in the hope of "
            "reducing force and complaints. A systematic review of 30 studies found no clear or consistent effect on "
            "use of force, and fewer complaints for reasons that are unclear; a 2,224-officer trial in Washington, DC "
            "found no significant effects."
        ),
        "body": (
            "Body-worn cameras are small cameras clipped to an officer's uniform that record video and sound during "
            "encounters. Police agencies, above all in the United States, adopted them quickly over the last decade, "
            "hoping they would deter misconduct and unnecessary force, improve evidence, and make both officers and "
            "members of the public behave better when they know they are being recorded.\n"
            "\n"
            "## What the research shows\n"
            "- A 2019 review of 70 studies found that officers and citizens generally support cameras, but that the "
            "cameras had not had statistically significant or consistent effects on most measures of officer and "
            "citizen behaviour or on citizens' views of the police.\n"
            "- A 2020 Campbell systematic review of 30 experimental and quasi-experimental studies found substantial "
            "uncertainty about whether cameras reduce police use of force, and no consistent effect on arrests, calls "
            "for service or assaults on officers. Cameras did reduce complaints against officers, but it is not clear "
            "whether that reflects better encounters or a change in how complaints are made.\n"
            "- In Washington, DC, a randomised trial involving 2,224 officers found very small and statistically "
            "insignificant effects on use of force, civilian complaints and other policing and court outcomes.\n"
            "\n"
            "## What to watch for\n"
            "Results may depend on rules about when cameras must be switched on, how much discretion officers keep, "
            "who may see footage and when, and whether recordings are actually used in supervision and complaint "
            "investigations. Cameras also raise privacy questions for people filmed at home or in moments of crisis, "
            "and storing and managing footage is a lasting cost. Decide these rules before buying equipment, and "
            "measure the results."
        ),
        "rating": "inconclusive",
        "study_count": 30,
        "study_design": (
            "1 systematic review of 30 experimental and quasi-experimental studies, including a randomised trial with "
            "2,224 officers in Washington, DC"
        ),
        "single_study": False,
        "emmie": {
            "effect": (
                "A systematic review of 30 studies found no clear or consistent effect on police use of force or most "
                "other behaviours, and fewer complaints for unclear reasons; a large randomised trial in Washington, "
                "DC found no significant effects."
            ),
            "mechanism": (
                "Expected to work through deterrence - officers and citizens behaving better when recorded - and "
                "through better evidence for investigations and complaints."
            ),
            "moderators": (
                "Rules on switching cameras on, officer discretion, supervisors' use of footage and the strength of "
                "local accountability systems may explain why results differ between studies."
            ),
            "implementation": (
                "Requires equipment, secure storage, written rules on activation, access, retention and release, "
                "training, and staff to review and redact footage."
            ),
            "economic_cost": (
                "Cameras, storage and staff time to manage footage are recurring costs; the evidence does not yet show "
                "a reduction in force that would justify them on that ground alone."
            ),
        },
        "transfer": {
            "police_levels": ["municipal", "regional", "national"],
            "mayoral_control": "helps",
            "legal_system": (
                "Recording, storing and releasing footage is governed by privacy and data-protection law, which in the "
                "EU and elsewhere limits retention and access; some places also require notice to the people recorded."
            ),
        },
        "sources": [
            {
                "title": "Body-worn cameras' effects on police officers and citizen behavior: A systematic review",
                "publisher": "Campbell Systematic Reviews",
                "year": 2020,
                "url": "https://doi.org/10.1002/cl2.1112",
            },
            {
                "title": "A randomized control trial evaluating the effects of police body-worn cameras",
                "publisher": "Proceedings of the National Academy of Sciences",
                "year": 2019,
                "url": "https://doi.org/10.1073/pnas.1814773116",
            },
            {
                "title": "Research on body-worn cameras: What we know, what we need to know",
                "publisher": "Criminology & Public Policy",
                "year": 2019,
                "url": "https://doi.org/10.1111/1745-9133.12412",
            },
        ],
        "related": ["require-comprehensive-reporting", "duty-to-intervene"],
    },
]
