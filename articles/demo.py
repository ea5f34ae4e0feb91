"""Demo content for a fictional city paper, The Newsroom Times of Harbourton.

Every name, place and event here is invented for this project.
"""

SECTIONS = [
    ("City", "city", "Council decisions, transport, housing and life in Harbourton."),
    ("Business", "business", "Companies, jobs, markets and the regional economy."),
    ("Science", "science", "Research, health, climate and technology, explained."),
    ("Culture", "culture", "Books, music, film, food and the arts."),
]

AUTHORS = [
    ("Amara Okafor", "City hall reporter", "Covers the council, planning and transport."),
    ("Tomás Reyes", "Business editor", "Writes about work, money and the firms that employ the city."),
    (
        "Ingrid Halvorsen",
        "Science correspondent",
        "Former lab chemist; explains research without the jargon.",
    ),
    ("Dev Malhotra", "Data reporter", "Turns spreadsheets into stories and charts."),
    ("Lucía Ferrer", "Culture critic", "Reviews theatre, music and the city's restaurants."),
]

# (headline, standfirst, section slug, author indexes, tags)
ARTICLES = [
    (
        "Council approves 24-hour bus lanes on Harbour Road",
        "The vote ends a two-year row over the city's busiest corridor; shops fear the loss of parking.",
        "city",
        [0],
        ["Transport", "Buses", "City Council", "Harbour Road"],
    ),
    (
        "Night buses return to the eastern suburbs after five years",
        "Routes N4 and N7 restart in spring, paid for by a levy on late-night venues.",
        "city",
        [0],
        ["Transport", "Buses", "Night-time economy"],
    ),
    (
        "Rents rise 9% in a year as new homes stall",
        "Only 640 homes were finished last year against a target of 2,000, council figures show.",
        "city",
        [3, 0],
        ["Housing", "Rents", "City Council", "Data"],
    ),
    (
        "What the new parking zones mean for your street",
        "Eleven neighbourhoods move to resident permits in March. Here is how to apply and what it costs.",
        "city",
        [0],
        ["Transport", "Parking", "Explainer"],
    ),
    (
        "Old tram depot to become 300 affordable homes",
        "The derelict site in Millbrook has been empty since 1998; building starts next year.",
        "city",
        [0],
        ["Housing", "Millbrook", "Regeneration"],
    ),
    (
        "Harbourton's cycle lanes, mapped: where the gaps are",
        "We rode every kilometre of the network. A third of it stops without warning.",
        "city",
        [3],
        ["Transport", "Cycling", "Data"],
    ),
    (
        "Library opening hours cut at four branches",
        "Budget pressure means Sunday closures from April; campaigners plan a petition.",
        "city",
        [0],
        ["Libraries", "City Council", "Budget"],
    ),
    (
        "Flood defences on the River Wend finished a year early",
        "The £48m scheme protects 3,100 homes in the low town, the Environment Office says.",
        "city",
        [0, 2],
        ["Flooding", "River Wend", "Climate"],
    ),
    (
        "Schools brace for record autumn intake",
        "Primary places are tight in the north of the city; two schools will add classrooms.",
        "city",
        [3],
        ["Schools", "Education", "Data"],
    ),
    (
        "Mayor's budget: what goes up, what gets cut",
        "Council tax rises 4.9%; road repairs and youth services win, events lose.",
        "city",
        [0, 3],
        ["City Council", "Budget", "Explainer"],
    ),
    (
        "Harbour port posts record container traffic",
        "Volumes rose 12% as shipping lines moved routes away from congested hubs.",
        "business",
        [1],
        ["Harbour Port", "Shipping", "Jobs"],
    ),
    (
        "Bakery chain Crumb & Co to open 15 shops",
        "The family firm, founded in a Millbrook garage, will hire 200 people.",
        "business",
        [1],
        ["Retail", "Jobs", "Millbrook", "Small business"],
    ),
    (
        "Why your energy bill fell but your neighbour's didn't",
        "Fixed and variable tariffs diverged this winter. We explain who gained.",
        "business",
        [1, 3],
        ["Energy", "Household bills", "Explainer"],
    ),
    (
        "Harbourton start-ups raised £310m last year",
        "Software and battery firms took most of the money; first-time founders found it harder.",
        "business",
        [1, 3],
        ["Start-ups", "Technology", "Investment", "Data"],
    ),
    (
        "Shipyard wins contract for six hybrid ferries",
        "The order secures 900 jobs at Wendmouth Yard until at least 2030.",
        "business",
        [1],
        ["Shipping", "Jobs", "Wendmouth Yard", "Energy"],
    ),
    (
        "High street vacancy rate falls for the first time in a decade",
        "Independent cafés and repair shops are filling units the chains left behind.",
        "business",
        [1],
        ["Retail", "High street", "Small business"],
    ),
    (
        "Four-day week trial: the results from 40 local firms",
        "Most kept the shorter week; output held steady and sick days fell, researchers say.",
        "business",
        [1, 3],
        ["Jobs", "Work", "Data"],
    ),
    (
        "Battery maker Voltaic picks Harbourton for first factory",
        "The plant on the old refinery site could employ 1,200 people by 2029.",
        "business",
        [1],
        ["Energy", "Jobs", "Technology", "Investment"],
    ),
    (
        "How to read a payslip after the tax changes",
        "New thresholds from April change take-home pay. A line-by-line guide.",
        "business",
        [1],
        ["Household bills", "Tax", "Explainer"],
    ),
    (
        "Port strike called off after late-night pay deal",
        "Dockers accept a 7% rise over two years and new rules on shift patterns.",
        "business",
        [1],
        ["Harbour Port", "Jobs", "Unions"],
    ),
    (
        "University team grows heart tissue that beats for months",
        "The Harbourton lab's patches could one day repair damage after heart attacks.",
        "science",
        [2],
        ["Health", "Harbourton University", "Research"],
    ),
    (
        "Why the River Wend is warmer than it used to be",
        "Summer water temperatures have risen 1.8C since 1990. Fish are moving upstream.",
        "science",
        [2, 3],
        ["Climate", "River Wend", "Wildlife", "Data"],
    ),
    (
        "Measles cases rise in the region: what parents should know",
        "Doctors urge families to check vaccinations before the school holidays.",
        "science",
        [2],
        ["Health", "Vaccines", "Explainer", "Schools"],
    ),
    (
        "Seagrass meadows planted in the estuary are spreading",
        "Five years on, the restored beds store carbon and shelter young fish.",
        "science",
        [2],
        ["Climate", "Wildlife", "Estuary", "Research"],
    ),
    (
        "The night sky this winter: three things to look for",
        "A meteor shower, a bright Jupiter and the best view of Orion from the hills.",
        "science",
        [2],
        ["Astronomy", "Explainer"],
    ),
    (
        "Air quality near schools improves after traffic bans",
        "Nitrogen dioxide fell by a quarter on streets closed at drop-off times.",
        "science",
        [2, 3],
        ["Air quality", "Schools", "Transport", "Data"],
    ),
    (
        "Local hospital trials AI to read chest X-rays",
        "The software flags urgent cases; radiologists still make every decision.",
        "science",
        [2],
        ["Health", "Technology", "Artificial intelligence"],
    ),
    (
        "Hedgehog numbers recover in city gardens",
        "A volunteer count found 40% more hedgehogs than in 2019.",
        "science",
        [2],
        ["Wildlife", "Gardens", "Research"],
    ),
    (
        "How heat pumps cope with a cold snap, explained",
        "Owners reported higher bills in January. Engineers say sizing is the key.",
        "science",
        [2, 1],
        ["Energy", "Climate", "Household bills", "Explainer"],
    ),
    (
        "Harbourton University opens centre for ocean robotics",
        "Underwater drones will map the seabed and inspect offshore wind turbines.",
        "science",
        [2],
        ["Harbourton University", "Technology", "Research", "Estuary"],
    ),
    (
        "The Wend Festival line-up: ten acts worth travelling for",
        "From Faroese folk to local brass bands, our critic picks the highlights.",
        "culture",
        [4],
        ["Music", "Wend Festival", "Festivals"],
    ),
    (
        "Review: 'The Lighthouse Keeper's Daughter' at the Tidewater",
        "A slow-burning family drama that earns its standing ovation.",
        "culture",
        [4],
        ["Theatre", "Reviews", "Tidewater Theatre"],
    ),
    (
        "The city's best new restaurants of the year",
        "Small plates, big flavours: eight openings that deserve the hype.",
        "culture",
        [4],
        ["Food", "Restaurants", "Reviews"],
    ),
    (
        "Harbourton Book Prize shortlist announced",
        "Three debut novels make the list of six, including a thriller set on the docks.",
        "culture",
        [4],
        ["Books", "Harbourton Book Prize", "Festivals"],
    ),
    (
        "Street art trail brings 20 new murals to Millbrook",
        "Artists from nine countries painted walls chosen by residents.",
        "culture",
        [4],
        ["Art", "Millbrook", "Regeneration"],
    ),
    (
        "Review: the new photography wing at the City Gallery",
        "The harbour's working life, in pictures, finally gets the space it deserves.",
        "culture",
        [4],
        ["Art", "Reviews", "City Gallery"],
    ),
    (
        "A guide to the Wend Festival for first-timers",
        "Tickets, transport, what to pack and where to eat on site.",
        "culture",
        [4, 0],
        ["Wend Festival", "Festivals", "Explainer", "Transport"],
    ),
    (
        "Independent cinema saved by a community share offer",
        "More than 2,000 residents bought shares to keep the Roxy open.",
        "culture",
        [4, 1],
        ["Film", "Small business", "Millbrook"],
    ),
    (
        "Record shops are back, and so are the queues",
        "Vinyl sales in Harbourton's independent shops doubled in five years.",
        "culture",
        [4, 1],
        ["Music", "Retail", "Small business"],
    ),
    (
        "Ten walks from the city centre, tested by our writers",
        "Coastal paths, river loops and a hill with the best view of the harbour.",
        "culture",
        [4, 2],
        ["Walking", "Estuary", "River Wend", "Explainer"],
    ),
]

# Editors' Also Read pins: article index -> pinned article indexes, in order.
PINS = {0: [3, 1], 20: [26]}

# Corrections editors published: article index -> [(hours after publication, text)].
CORRECTIONS = {
    1: [
        (
            5,
            "An earlier version of this story said route N7 restarts in summer. Both routes restart in spring.",
        )
    ],
}

# Indexes into ARTICLES of articles that stay drafts, and days ahead for scheduled ones.
DRAFTS = {6, 27, 38}
IN_REVIEW = {27}
# The council's vote, covered live: (minutes after publication, update, key event), oldest first.
LIVE = {
    0: [
        (0, "Councillors take their seats for the vote on the Harbour Road bus lanes.", False),
        (6, "The transport chair opens the debate: buses lose nine minutes a trip at peak hours.", False),
        (14, "Traders ask for loading bays every 200 metres. The plan has them every 400.", False),
        (21, "An amendment for more loading bays is tabled by the opposition.", True),
        (29, "Cyclists' groups back the lanes but ask for a separated track as well.", False),
        (37, "The amendment passes, 28 votes to 15: loading bays every 250 metres.", True),
        (44, "The bus operator says it can add two buses an hour once the lanes open.", False),
        (52, "Residents' association: night deliveries must stay quiet.", False),
        (58, "Debate closes. The council votes on the whole plan.", False),
        (63, "The plan is approved, 31 votes to 12. The lanes open in March.", True),
        (70, "The mayor calls it the biggest change to the road in thirty years.", False),
        (78, "Opposition councillors say they will ask for a review of the lanes after a year.", False),
    ],
}  # one of the drafts waits for an editor on the desk's dashboard
SCHEDULED = {9: 2, 35: 5}

SECTION_CONTEXT = {
    "city": (
        "Councillors, residents and businesses have argued over the plans for months.",
        "The council says the change is part of a wider plan for the city to 2035.",
    ),
    "business": (
        "The numbers matter well beyond the companies involved.",
        "Economists at the regional chamber of commerce expect the effect to show within a year.",
    ),
    "science": (
        "The work has been reviewed by independent researchers.",
        "Scientists caution that one study rarely settles a question.",
    ),
    "culture": (
        "The city's arts scene has grown steadily since the festival moved to the waterfront.",
        "Tickets and opening times are listed at the end of this piece.",
    ),
}

FAQS = {
    0: [
        (
            "When do the new bus lanes start?",
            "<p>The lanes come into force on 1 March. Cameras will issue warnings for the first month and fines after that.</p>",
        ),
        (
            "Can taxis use the bus lanes?",
            "<p>Yes. Licensed taxis, bicycles and emergency vehicles may use them at any time.</p>",
        ),
        (
            "What happens to loading bays?",
            "<p>Loading is allowed between <strong>10:00 and 16:00</strong> in marked bays on side streets.</p>",
        ),
    ],
    2: [
        (
            "How was the rent increase measured?",
            "<p>We compared advertised rents for the same property types in the same postcodes, year on year.</p>",
        ),
        (
            "Is the council building more homes?",
            "<p>It has committed to 1,200 council homes by 2030. About 150 are under construction.</p>",
        ),
        (
            "Where can tenants get advice?",
            "<p>The Harbourton Tenants' Advice Centre offers free sessions. Call or drop in on weekdays.</p>",
        ),
        (
            "Can my landlord raise the rent at any time?",
            "<p>Not during a fixed-term tenancy unless the contract allows it. Otherwise once a year, with notice.</p>",
        ),
    ],
    3: [
        (
            "How much does a resident permit cost?",
            "<p>£60 a year for the first car and £120 for a second. Electric vehicles pay half.</p>",
        ),
        ("Do visitors need a permit?", "<p>Yes. Residents can buy books of visitor vouchers online.</p>"),
        ("When are the zones enforced?", "<p>Monday to Saturday, 08:00 to 18:30.</p>"),
    ],
    9: [
        ("How much will council tax go up?", "<p>4.9%, or about £1.60 a week for an average home.</p>"),
        (
            "What is being cut?",
            "<p>Funding for large public events falls by a third.</p><ul><li>The New Year fireworks move to a smaller site.</li><li>Two summer fairs lose their grants.</li></ul>",
        ),
        ("Can residents comment?", "<p>Yes, until the final vote. Comments go to the budget committee.</p>"),
    ],
    12: [
        (
            "Why did some bills fall?",
            "<p>Variable tariffs follow wholesale prices, which dropped over the winter.</p>",
        ),
        (
            "Should I switch to a fixed tariff?",
            "<p>Compare the fixed price with the forecast cap. A fix buys certainty, not always savings.</p>",
        ),
        (
            "Where can I get help with arrears?",
            "<p>Suppliers must offer a payment plan. Local charities can also help.</p>",
        ),
    ],
    16: [
        (
            "Which firms took part?",
            "<p>Forty employers, from a law firm to a bakery, with about 2,300 staff in total.</p>",
        ),
        ("Did pay change?", "<p>No. Staff kept full pay for four days' work.</p>"),
        ("Will more firms try it?", "<p>A second trial with 60 firms starts in September.</p>"),
        (
            "How was productivity measured?",
            "<p>Each firm chose its own measures, such as orders handled or cases closed, agreed before the trial.</p>",
        ),
    ],
    18: [
        ("What changed in April?", "<p>The personal allowance and the higher-rate threshold both rose.</p>"),
        (
            "What is a tax code?",
            "<p>It tells your employer how much pay to leave untaxed. The usual code ends in L.</p>",
        ),
        (
            "What if my tax code is wrong?",
            "<p>Contact the tax office. Any overpayment is usually refunded through your pay.</p>",
        ),
    ],
    22: [
        (
            "What are the first signs of measles?",
            "<p>High fever, runny nose, cough and red eyes, followed by a rash a few days later.</p>",
        ),
        ("How many doses of the vaccine are needed?", "<p>Two doses give about 99% protection.</p>"),
        (
            "Is it too late for older children?",
            "<p>No. Children and adults who missed doses can catch up at any age.</p>",
        ),
        (
            "What should I do if my child has symptoms?",
            "<p>Phone your doctor first rather than going in, so others are not exposed.</p>",
        ),
        (
            "Can adults get measles?",
            "<p>Yes, and it can be more serious in adults. Check your own vaccination record.</p>",
        ),
    ],
    26: [
        (
            "Does the AI make diagnoses?",
            "<p>No. It sorts X-rays by urgency; a radiologist reads every image.</p>",
        ),
        (
            "Is patient data shared with the software maker?",
            "<p>Images are processed on the hospital's own servers and are not sent outside.</p>",
        ),
        ("How long is the trial?", "<p>Eighteen months, with results published independently.</p>"),
    ],
    28: [
        (
            "Why did my bill go up in the cold snap?",
            "<p>Heat pumps work harder when it is very cold, so they use more electricity.</p>",
        ),
        (
            "Should I turn my heat pump off at night?",
            "<p>Usually not. Running it low and steady is more efficient than reheating a cold house.</p>",
        ),
        (
            "What is a flow temperature?",
            "<p>The temperature of the water sent to your radiators. Lower is more efficient.</p>",
        ),
        (
            "Are grants still available?",
            "<p>Yes, a national grant covers part of the cost of installation.</p>",
        ),
    ],
    36: [
        (
            "When does the Wend Festival take place?",
            "<p>Over the last weekend of July, Friday to Sunday.</p>",
        ),
        ("Can I bring food and drink?", "<p>Food yes; drinks only in sealed plastic bottles.</p>"),
        (
            "How do I get there?",
            "<p>Shuttle buses run from the central station every ten minutes. There is no public parking on site.</p>",
        ),
        ("Are children allowed?", "<p>Yes. Under-12s go free with a paying adult.</p>"),
        (
            "Is the site accessible?",
            "<p>There are viewing platforms, accessible toilets and a quiet area. Book an access ticket in advance.</p>",
        ),
        ("What happens if it rains?", "<p>The festival goes ahead. The main stage is covered.</p>"),
    ],
    39: [
        (
            "Are the walks suitable for children?",
            "<p>Most are. Each walk lists its length and climb so you can choose.</p>",
        ),
        (
            "Can I bring a dog?",
            "<p>Yes, on a lead near livestock and on the estuary paths in the nesting season.</p>",
        ),
        ("Which walk has the best view?", "<p>Beacon Hill, for the whole harbour at sunset.</p>"),
    ],
}

FAQ_PAGE = (
    "About The Newsroom Times",
    "about",
    "<p>How we report, how to reach us and how to get the paper.</p>",
    [
        (
            "How do I send a news tip?",
            "<p>Email the newsdesk or use the tips form. We protect our sources.</p>",
        ),
        (
            "How do I report a mistake?",
            "<p>Write to the readers' editor. Corrections are published at the foot of the article.</p>",
        ),
        (
            "Who owns The Newsroom Times?",
            "<p>A reader-owned cooperative. No shareholder has more than one vote.</p>",
        ),
        (
            "Can I reuse your articles?",
            "<p>Quote short passages with a link. For more, ask our syndication desk.</p>",
        ),
    ],
)
