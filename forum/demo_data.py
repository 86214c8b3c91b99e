"""Vocabulary for the fictional demo programme (load_demo).

Every organization is marked as a demo one, and every address is under
example.org, so nobody mistakes the demo for the real programme.
"""

# (Arabic, English) topic phrases, keyed by masar slug.
TOPICS = {
    "civil-political-rights": [
        ("حماية الصحفيين في الميدان", "Protecting journalists in the field"),
        ("حق التظاهر السلمي", "The right to peaceful protest"),
        ("قوانين النشر الرقمي", "Digital publishing laws"),
    ],
    "economic-social-rights": [
        ("الأجور العادلة لعمال البناء", "Fair wages for construction workers"),
        ("الضمان الاجتماعي للعمال غير المنظمين", "Social security for informal workers"),
        ("العمل اللائق للشباب", "Decent work for young people"),
    ],
    "environment-water": [
        ("شح المياه في الجنوب", "Water scarcity in the south"),
        ("إنقاذ الأهوار", "Saving the marshes"),
        ("تلوث الهواء في المدن", "Air pollution in the cities"),
    ],
    "womens-rights": [
        ("مناهضة العنف الأسري", "Ending domestic violence"),
        ("النساء في النقابات", "Women in the unions"),
        ("المساواة في قانون الأحوال الشخصية", "Equality in personal status law"),
    ],
    "nonviolence-peace": [
        ("الحوار بين الأجيال", "Dialogue between generations"),
        ("أدوات اللاعنف في الحملات المدنية", "Nonviolent tools for civic campaigns"),
        ("السلم الأهلي في الأحياء", "Civil peace in the neighbourhoods"),
    ],
    "minority-rights": [
        ("التنوع في الموصل", "Diversity in Mosul"),
        ("لغات العراق", "The languages of Iraq"),
        ("العودة الآمنة للنازحين", "Safe return of the displaced"),
    ],
    "education": [
        ("التسرب المدرسي", "School drop-out"),
        ("المدرسة الحكومية للجميع", "Public school for all"),
        ("تعليم الكبار", "Adult education"),
    ],
    "heritage": [
        ("بيوت بغداد التراثية", "Baghdad's heritage houses"),
        ("الحرف اليدوية في الأسواق القديمة", "Crafts of the old markets"),
        ("المقام العراقي", "The Iraqi maqam"),
    ],
}

FORMAT_WORDS = {
    "workshop": ("ورشة عمل", "Workshop"),
    "seminar": ("ندوة", "Seminar"),
    "panel": ("جلسة حوارية", "Panel discussion"),
    "exhibition": ("معرض", "Exhibition"),
    "screening": ("عرض فيلم", "Film screening"),
    "performance": ("عرض فني", "Artistic performance"),
}

ORGANIZATIONS = [
    ("جمعية الأمل التجريبية", "Al-Amal Demo Association", "cso"),
    ("نقابة عمال تجريبية", "Demo Workers' Union", "trade_union"),
    ("نقابة المهندسين التجريبية", "Demo Engineers' Union", "professional_union"),
    ("فريق شباب دجلة التجريبي", "Tigris Youth Demo Team", "youth"),
    ("مركز دراسات تجريبي", "Demo Research Centre", "academic"),
    ("شبكة المدافعات التجريبية", "Demo Women Defenders Network", "cso"),
    ("مبادرة المياه التجريبية", "Demo Water Initiative", "youth"),
    ("جمعية التراث التجريبية", "Demo Heritage Society", "cso"),
]

GOVERNORATES = ["baghdad", "basra", "nineveh", "erbil", "najaf", "dhi_qar", "sulaymaniyah"]

# The fictional season the demo makes current, so that a newcomer can try
# every form on the day they run the site, whatever the real seasons' dates.
# A number no real season will have soon, and words that say it is not real.
DEMO_SEASON_NUMBER = 99
DEMO_SEASON = {
    "name_ar": "الموسم التجريبي (خيالي)",
    "name_en": "Demo season (fictional)",
    "slogan_ar": "جرّب الموقع",
    "slogan_en": "Try the site",
    "intro_ar": (
        "موسم خيالي لتجربة الموقع فقط: تواريخه وأنشطته ومتطوعوه مُختلَقة. "
        "المواسم الحقيقية، ومنها الموسم الخامس، في صفحة «كل المواسم»."
    ),
    "intro_en": (
        "A fictional season, only for trying the site: its dates, activities and volunteers "
        "are made up. The real seasons, the 5th among them, are under “All seasons”."
    ),
}
# Its first day is this many days after the day the demo is loaded; the call
# for activities and volunteer sign-up opened before and close the day before.
DEMO_STARTS_IN_DAYS = 21
DEMO_DAYS = 7
