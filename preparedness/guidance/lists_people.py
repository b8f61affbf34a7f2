"""Checklists about people and places: family, children, older people, pets, schools, farms, after a blast."""

from flask_babel import lazy_gettext as _l

from .content import Checklist, items

FAMILY_PLAN = Checklist(
    "family-plan", _l("Family plan and meeting points"),
    _l("Agree now, while it is calm, who does what and where you meet."),
    items(
        "family-plan",
        ("alerts", _l("Everyone has alerts on their phone and knows the sirens")),
        ("shelter", _l("Everyone knows the nearest shelter and the way there")),
        ("safe-spot", _l("Choose the safe spot at home, behind two walls")),
        ("meet-near", _l("Meeting point near home"), _l("For when you cannot go back inside.")),
        ("meet-far", _l("Meeting point in another part of town")),
        ("contact-away", _l("A relative outside the region everyone calls"),
         _l("Long-distance calls often get through when local ones fail.")),
        ("roles", _l("Decide who collects the children and who takes the pets")),
        ("school", _l("Know the school's and kindergarten's alert plans")),
        ("neighbours", _l("Agree with neighbours who helps whom")),
        ("numbers", _l("Everyone carries a paper list of numbers")),
        ("message", _l("Agree on a short \"I am safe\" message")),
        ("practice", _l("Walk to the shelter together once")),
    ),
    ("mchs", "ready-plan"),
)

CHILDREN = Checklist(
    "children", _l("Children"),
    _l("Children cope better when they know what to do and adults stay calm."),
    items(
        "children",
        ("explain", _l("Explain calmly what sirens mean and what to do")),
        ("practice", _l("Practise going to the shelter, as a game for the little ones")),
        ("id-card", _l("A card in the pocket: name, parents' phones, blood group")),
        ("bag", _l("A small bag: water, snack, torch, toy")),
        ("comfort", _l("A favourite toy, book or game that needs no power")),
        ("baby", _l("Formula, bottles and nappies for 3 days")),
        ("medicines", _l("Children's medicines and a thermometer")),
        ("clothes", _l("Spare clothes and a warm layer")),
        ("pickup", _l("Agree who picks them up from school, and where")),
        ("news", _l("Limit news and videos of strikes"), _l("Fear grows from what children see.")),
        ("routine", _l("Keep routines; talk about feelings")),
        ("teens", _l("Teenagers: no photos of strikes online"), _l("They help the attacker aim.")),
    ),
    ("mchs", "ready-kids"),
)

OLDER_DISABLED = Checklist(
    "older-disabled", _l("Older and disabled people"),
    _l("Plan the help in advance: in an alert there are only minutes."),
    items(
        "older-disabled",
        ("medicines", _l("Medicines for 14 days and a list with doses")),
        ("aids", _l("Spare glasses, hearing-aid batteries, walking aids")),
        ("power", _l("Backup power for medical devices"),
         _l("Oxygen and other devices stop in a power cut.")),
        ("helpers", _l("Two neighbours who will help in an alert")),
        ("route", _l("A shelter route without stairs, or a safe spot at home")),
        ("card", _l("A card: illnesses, medicines, contacts")),
        ("phone", _l("A simple phone with alerts on, kept charged")),
        ("numbers", _l("Social worker's and clinic's numbers")),
        ("seat", _l("A folding chair or mat for the shelter")),
        ("deaf", _l("Someone tells deaf people about the alert"), _l("They may not hear sirens.")),
        ("blind", _l("Practise the shelter route with blind people")),
        ("food", _l("Water and food that are easy to open")),
    ),
    ("mchs", "ready-older", "ready-disability"),
)

PETS = Checklist(
    "pets", _l("Pets"),
    _l("Take your pets with you; they may not survive alone."),
    items(
        "pets",
        ("carrier", _l("A carrier or lead for each pet, by the door")),
        ("food", _l("Food and water for 7 days")),
        ("tag", _l("A collar tag with your phone number")),
        ("photo", _l("A recent photo of you with your pet"), _l("It proves the pet is yours if lost.")),
        ("medicines", _l("Pet medicines and vaccination papers")),
        ("litter", _l("Litter, bags and a bowl")),
        ("shelter", _l("Ask whether your shelter accepts pets")),
        ("lead", _l("Keep pets on a lead during alerts"), _l("Scared animals bolt.")),
        ("friend", _l("A friend who can take your pet")),
    ),
    ("ready-pets", "mchs"),
)

SCHOOLS = Checklist(
    "schools", _l("Schools and kindergartens (for staff)"),
    _l("For heads, teachers and carers: every child reaches the shelter, every parent is told."),
    items(
        "schools",
        ("plan", _l("A written alert plan that all staff know")),
        ("drills", _l("Regular shelter drills with the children"),
         _l("Children move calmly when they know the way.")),
        ("routes", _l("Shelter routes marked on every floor")),
        ("shelter", _l("The shelter open, lit, with water and seats")),
        ("roll", _l("Class lists to check that everyone is there")),
        ("parents", _l("Parents' phone numbers on paper, for each class")),
        ("handover", _l("Hand children only to the adults named by parents")),
        ("special", _l("A plan for children with disabilities")),
        ("first-aid", _l("First-aid kits and trained staff")),
        ("activities", _l("Quiet games and books in the shelter")),
        ("notify", _l("A quick way to tell all parents")),
        ("windows", _l("Safety film on windows; desks away from them")),
    ),
    ("mchs", "mchs-belgorod", "ready-kids"),
)

RURAL = Checklist(
    "rural", _l("Rural households and farms"),
    _l("Drones often set barns, hay and fuel on fire."),
    items(
        "rural",
        ("fire", _l("Fire after a drone strike: call 112, then fight it only if it is safe")),
        ("barrels", _l("Barrels of water and boxes of sand by the buildings")),
        ("extinguishers", _l("Extinguishers in the house, barn and car")),
        ("hay", _l("Keep hay and straw away from the house")),
        ("fuel", _l("Fuel in metal cans, away from buildings")),
        ("feed", _l("Feed and water for livestock for 7 days")),
        ("release", _l("Plan how to let livestock out of a burning barn")),
        ("generator", _l("A generator and fuel for pumps and milking")),
        ("cellar", _l("A cellar as a shelter: cleared, with water and light")),
        ("fields", _l("In the fields: a drone overhead, lie down in a furrow")),
        ("debris", _l("Do not touch fallen drones or munitions in the fields")),
        ("neighbours", _l("Agree with neighbours to help each other with fires")),
    ),
    ("mchs", "mchs-belgorod", "ready-pets"),
)

AFTER_BLAST = Checklist(
    "after-blast", _l("After a blast nearby"),
    _l("Stay calm, check for danger, then help."),
    items(
        "after-blast",
        ("second", _l("Stay under cover: a second strike may follow"), _l("Attacks often come in waves.")),
        ("injuries", _l("Check yourself and others for injuries")),
        ("bleeding", _l("Stop heavy bleeding: press hard, use a tourniquet")),
        ("call", _l("Call 112: the address and what you see")),
        ("gas", _l("Smell gas? No flames or switches; get out, call 104")),
        ("glass", _l("Put shoes on before walking: broken glass")),
        ("shrapnel", _l("Do not pick up shrapnel or parts")),
        ("building", _l("Cracked walls or sagging ceilings: get out")),
        ("car", _l("Do not start a damaged car: fuel may leak")),
        ("utilities", _l("Shut off power and water if wires or pipes are damaged")),
        ("windows", _l("Cover broken windows with film or boards")),
        ("photos", _l("Photograph damage for claims, not for social media")),
        ("report", _l("Report the damage to the local administration")),
    ),
    ("mchs", "mchs-belgorod"),
)

PEOPLE_LISTS = (FAMILY_PLAN, CHILDREN, OLDER_DISABLED, PETS, SCHOOLS, RURAL, AFTER_BLAST)
