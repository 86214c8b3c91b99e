"""The 5th season of the Iraqi Social Forum, as data.

Names follow ../shared/GLOSSARY.md. seed_season loads this idempotently; the
next season is prepared from it by staff (the admin's "Prepare the next
season", or `manage.py start_next_season --from 5`), not new code.
"""

import datetime as dt

SEASON = {
    "number": 5,
    "name_ar": "الموسم الخامس",
    "name_en": "5th season",
    "slogan_ar": "المواطنة",
    "slogan_en": "Citizenship",
    "intro_ar": (
        "أسبوع من ورش العمل والندوات والفعاليات المدنية تصنعه منظمات المجتمع المدني "
        "والنقابات العمالية والمهنية وفرق الشباب المتطوعين في بغداد."
    ),
    "intro_en": (
        "A week of workshops, seminars and civic activities made by civil-society "
        "organizations, trade unions, professional unions and teams of young volunteers "
        "in Baghdad."
    ),
    "start_date": dt.date(2026, 11, 22),
    "end_date": dt.date(2026, 11, 30),
    "time_zone": "Asia/Baghdad",
    # Baghdad time (UTC+3) written as UTC.
    "proposals_open": dt.datetime(2026, 9, 1, 6, 0, tzinfo=dt.UTC),
    "proposals_close": dt.datetime(2026, 11, 10, 21, 0, tzinfo=dt.UTC),
    "volunteers_open": dt.datetime(2026, 9, 15, 6, 0, tzinfo=dt.UTC),
    "volunteers_close": dt.datetime(2026, 11, 18, 21, 0, tzinfo=dt.UTC),
}

VENUES = [
    {
        "order": 1,
        "name_ar": "أكاديمية بغداد للعلوم الإنسانية",
        "name_en": "Baghdad Academy of Human Sciences",
        "address_ar": "بغداد، الكرادة",
        "address_en": "Karrada, Baghdad",
        "map_url": "https://www.openstreetmap.org/search?query=Baghdad%20Academy%20of%20Human%20Sciences",
        "spaces": [
            ("main-hall", "القاعة الكبرى", "Main Hall", 300, "indoor"),
            ("hall-1", "القاعة الأولى", "Hall 1", 80, "indoor"),
            ("hall-2", "القاعة الثانية", "Hall 2", 60, "indoor"),
            ("seminar-room", "قاعة الندوات", "Seminar Room", 40, "indoor"),
        ],
    },
    {
        "order": 2,
        "name_ar": "حدائق أبي نواس",
        "name_en": "Abu Nuwas Gardens",
        "address_ar": "شارع أبي نواس، بغداد",
        "address_en": "Abu Nuwas Street, Baghdad",
        "map_url": "https://www.openstreetmap.org/search?query=Abu%20Nuwas%20Street%20Baghdad",
        "spaces": [
            ("open-stage", "المسرح المكشوف", "Open-air stage", 500, "outdoor"),
            ("exhibition-lawn", "ساحة المعارض", "Exhibition lawn", 200, "outdoor"),
            ("tent-area", "منطقة الخيام", "Tent area", 100, "outdoor"),
        ],
    },
]

# (slug, colour, Arabic name, English name, Arabic description, English description)
MASARAT = [
    (
        "civil-political-rights",
        "blue",
        "الحقوق المدنية والسياسية (مع التركيز على حرية التعبير والصحافة في العراق)",
        "Civil and political rights (with a focus on freedom of expression and the press in Iraq)",
        "حرية التعبير والصحافة والتجمع السلمي، وحماية الصحفيين والناشطين.",
        "Freedom of expression, of the press and of peaceful assembly; protecting "
        "journalists and activists.",
    ),
    (
        "economic-social-rights",
        "red",
        "الحقوق الاقتصادية والاجتماعية والعدالة الاجتماعية",
        "Economic and social rights and social justice",
        "العمل اللائق والأجور والضمان الاجتماعي والحق في الخدمات العامة.",
        "Decent work, wages, social security and the right to public services.",
    ),
    (
        "environment-water",
        "teal",
        "البيئة والمياه",
        "Environment and water",
        "شح المياه والتصحر والتلوث، وحماية دجلة والفرات والأهوار.",
        "Water scarcity, desertification and pollution; protecting the Tigris, the "
        "Euphrates and the marshes.",
    ),
    (
        "womens-rights",
        "magenta",
        "حقوق المرأة والمساواة",
        "Women's rights and equality",
        "المساواة أمام القانون، ومناهضة العنف ضد المرأة، ومشاركتها في الحياة العامة.",
        "Equality before the law, ending violence against women, and women in public life.",
    ),
    (
        "nonviolence-peace",
        "green",
        "اللاعنف وبناء السلام",
        "Nonviolence and peace building",
        "ثقافة اللاعنف والحوار والسلم الأهلي.",
        "A culture of nonviolence, dialogue and civil peace.",
    ),
    (
        "minority-rights",
        "purple",
        "حقوق الأقليات والتعايش",
        "Minority rights and co-existence",
        "حقوق المكونات والتنوع الديني والقومي والتعايش المشترك.",
        "The rights of Iraq's communities, religious and ethnic diversity, and living together.",
    ),
    (
        "education",
        "indigo",
        "الحق في التعليم",
        "The right to education",
        "تعليم عام مجاني وجيد للجميع، والتسرب المدرسي، والتعليم في المناطق المتضررة.",
        "Free, good public education for all; school drop-out; education in affected areas.",
    ),
    (
        "heritage",
        "brown",
        "التراث والحفاظ عليه",
        "Heritage and preservation",
        "حماية التراث المادي وغير المادي للعراق ومدنه وأهواره.",
        "Protecting the tangible and intangible heritage of Iraq, its cities and marshes.",
    ),
]

# (slug, Arabic name, English name, capacity, Arabic description, English description)
TEAMS = [
    (
        "registration",
        "مكتب التسجيل والاستقبال",
        "Registration desk",
        12,
        "استقبال المشاركين وتسجيلهم وتوزيع البطاقات والبرامج.",
        "Welcome and register participants, hand out badges and programmes.",
    ),
    (
        "logistics",
        "الخدمات اللوجستية",
        "Logistics",
        20,
        "تجهيز القاعات والخيام والمعدات، ونقل المواد بين المواقع.",
        "Set up halls, tents and equipment; move material between the venues.",
    ),
    (
        "media",
        "الإعلام والتصوير",
        "Media and photography",
        10,
        "التصوير والفيديو ووسائل التواصل الاجتماعي.",
        "Photography, video and social media.",
    ),
    (
        "interpretation",
        "الترجمة الفورية",
        "Interpretation",
        8,
        "الترجمة بين العربية والكردية والإنجليزية في الجلسات.",
        "Interpret between Arabic, Kurdish and English in the sessions.",
    ),
    (
        "hospitality",
        "الضيافة",
        "Hospitality",
        12,
        "خدمة الضيوف وتوزيع الماء والطعام.",
        "Look after guests; water and food.",
    ),
    (
        "first-aid",
        "الإسعافات الأولية",
        "First aid",
        6,
        "نقطة الإسعافات الأولية ومرافقة الفرق في المواقع.",
        "Staff the first-aid point and accompany the teams on site.",
    ),
    (
        "guidance",
        "الإرشاد والتنظيم",
        "Guidance and stewarding",
        15,
        "إرشاد الزوار إلى القاعات وتنظيم الدخول والخروج.",
        "Guide visitors to the halls and steward entrances and exits.",
    ),
]

# Teams that only people with one of these skills can join (volunteers.Skill).
TEAM_REQUIRED_SKILLS = {
    "interpretation": ["interpretation"],
    "first-aid": ["first_aid"],
}
