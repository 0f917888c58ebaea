// The initiative page's "vis alle" links and the pages they lead to (/initiativer/:id/alle/:liste).
export const initiativeLists = {
  da: {
    "showAll.latest": "Viser de seneste {shown} af {total}.",
    "showAll.assessments": "Vis alle {total} SUSI-vurderinger",
    "showAll.decisions": "Vis alle {total} beslutninger",
    "showAll.history": "Vis hele historikken ({total} hændelser)",
    "all.title.vurderinger": "Alle SUSI-vurderinger",
    "all.title.beslutninger": "Alle beslutninger",
    "all.title.historik": "Hele historikken",
    "all.count": "{total} i alt, nyeste først.",
    "all.back": "Tilbage til initiativet",
  },
  en: {
    "showAll.latest": "Showing the latest {shown} of {total}.",
    "showAll.assessments": "Show all {total} SUSI assessments",
    "showAll.decisions": "Show all {total} decisions",
    "showAll.history": "Show the whole history ({total} events)",
    "all.title.vurderinger": "All SUSI assessments",
    "all.title.beslutninger": "All decisions",
    "all.title.historik": "The whole history",
    "all.count": "{total} in all, newest first.",
    "all.back": "Back to the initiative",
  },
} as const;
