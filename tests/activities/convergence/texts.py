"""Realistic proposals for the similarity and convergence tests: two pairs
that say the same thing in other words (one Arabic, one English), and
proposals of the same masar on other questions that must not match them."""

WOMEN_BASRA_AR = {
    "title_ar": "ورشة عمل حول التمكين الاقتصادي للمرأة في البصرة",
    "summary_ar": "تدريب النساء على إدارة المشاريع الصغيرة وتحقيق الاستقلال الاقتصادي.",
    "title_en": "",
    "summary_en": "",
    "submitted_language": "ar",
    "contact_language": "ar",
}
WOMEN_BASRA_AR_OTHER_WORDS = {
    "title_ar": "تمكين المرأة اقتصادياً في محافظة البصرة",
    "summary_ar": "ورشة لتعزيز مشاركة النساء في سوق العمل والمشاريع الصغيرة في البصرة.",
    "title_en": "",
    "summary_en": "",
    "submitted_language": "ar",
    "contact_language": "ar",
}
WOMEN_BASRA_EN = {
    "title_ar": "",
    "summary_ar": "",
    "title_en": "Workshop on women's economic empowerment in Basra",
    "summary_en": "Training women in Basra to run small businesses and become financially "
    "independent.",
    "submitted_language": "en",
    "contact_language": "en",
}
WOMEN_BASRA_EN_OTHER_WORDS = {
    "title_ar": "",
    "summary_ar": "",
    "title_en": "Economic empowerment of women in Basra governorate",
    "summary_en": "A workshop to strengthen women's participation in the labour market and "
    "small businesses in Basra.",
    "submitted_language": "en",
    "contact_language": "en",
}
FOOTBALL_AR = {
    "title_ar": "دوري كرة القدم للشباب في الأحياء الشعبية",
    "summary_ar": "بطولة رياضية لشباب الأحياء تعزز روح الفريق والسلم الأهلي.",
    "title_en": "",
    "summary_en": "",
}
WATER_AR = {
    "title_ar": "الحق في المياه النظيفة في جنوب العراق",
    "summary_ar": "ندوة عن شح المياه وتلوث الأنهار وحقوق الفلاحين في البصرة وذي قار.",
    "title_en": "",
    "summary_en": "",
}
FOOTBALL_EN = {
    "title_ar": "",
    "summary_ar": "",
    "title_en": "Youth football league in working-class neighbourhoods",
    "summary_en": "A sports tournament for young people that builds team spirit and civil peace.",
}
WATER_EN = {
    "title_ar": "",
    "summary_ar": "",
    "title_en": "The right to clean water in southern Iraq",
    "summary_en": "A seminar on water scarcity, river pollution and farmers' rights in Basra "
    "and Dhi Qar.",
}
