"""What players read: names of traits, tiers and all 8 x 32 variants.

Index i of each table is variant i; 31 is the reserved variant that valid genomes never
carry. Body shape names say what the silhouette looks like; colour names say the colour.
"""

from __future__ import annotations

TRAIT_NAMES = (
    "Body shape",
    "Pattern",
    "Eye shape",
    "Eye colour",
    "Mouth",
    "Body colour",
    "Pattern colour",
    "Belly colour",
)

MUTATION_TIER_NAMES = ("Base", "Tier I", "Tier II", "Tier III", "Tier IV")
RARITY_NAMES = ("Common", "Rare", "Excellent", "Epic", "Mythical", "Legendary")

RESERVED_LABEL = "Reserved"

BODY_SHAPES = (
    "Kitten", "Bear cub", "Bunny", "Puppy", "Fox kit", "Mouse", "Loaf", "Fluffball",
    "Sprout", "Hamster", "Owlet", "Seal pup", "Dino", "Antennaling", "Goat kid", "Piglet",
    "Batling", "Fairy", "Lion cub", "Griffin chick", "Jackalope", "Kitsune", "Axolotl", "Ram",
    "Unicorn", "Dragonet", "Seraph", "Phoenix",
    "Moon spirit", "Crystal sprite",
    "Starbeast",
    RESERVED_LABEL,
)

PATTERNS = (
    "Solid", "Spots", "Tabby", "Calico patches", "Freckles", "Bandit mask", "Sash", "Hood",
    "Saddle", "Polka dots", "Pinstripes", "Checkers", "Tiger stripes", "Eyepatch", "Zigzag", "Ombre",
    "Hearts", "Stars", "Scales", "Rosettes", "Argyle", "Swirls", "Clovers", "Lightning",
    "Moon and stars", "Galaxy", "Crystal facets", "Flames",
    "Aurora", "Constellation",
    "Prism",
    RESERVED_LABEL,
)

EYE_SHAPES = (
    "Round", "Big round", "Tall oval", "Almond", "Sleepy", "Wide", "Button", "Lashes",
    "Puppy", "Cat slit", "Sly", "Sparkly", "Beady", "Goggles", "Side glance", "Eyebrows",
    "Heart pupils", "Star pupils", "Starry", "Anime", "Diamond pupils", "Hypno", "Flower pupils", "Crescent pupils",
    "Galaxy", "Gem", "Blazing", "Third eye",
    "Cosmic", "Prism",
    "Celestial",
    RESERVED_LABEL,
)

EYE_COLOURS = (
    "Amber", "Sky blue", "Leaf green", "Hazel", "Storm grey", "Chestnut", "Violet", "Teal",
    "Honey", "Navy", "Olive", "Copper", "Pink", "Ice", "Jade", "Onyx",
    "Ruby", "Sapphire", "Emerald", "Topaz", "Amethyst", "Aquamarine", "Rose", "Citrine",
    "Molten gold", "Moon silver", "Blood moon", "Deep ocean",
    "Galaxy", "Opal",
    "Rainbow",
    RESERVED_LABEL,
)

MOUTHS = (
    "Smile", "Kitty", "Open smile", "Ooh", "Neutral", "Smirk", "Blep", "Fangs",
    "Buck teeth", "Grin", "Wobbly", "Whistle", "Beak", "Snout", "Whiskers", "Wavy",
    "Kissy", "Big laugh", "Vampire", "Bubblegum", "Moustache", "Lollipop", "Sweet tooth", "Tusks",
    "Smoke puff", "Sparkle grin", "Gold tooth", "Rainbow tongue",
    "Fire breath", "Crystal fangs",
    "Star song",
    RESERVED_LABEL,
)

BODY_COLOURS = (
    "Cream", "Ginger", "Slate", "Rose", "Sky", "Mint", "Cocoa", "Lilac",
    "Butter", "Charcoal", "Peach", "Sage", "Snow", "Caramel", "Seafoam", "Cinnamon",
    "Sapphire", "Emerald", "Ruby", "Amethyst", "Tangerine", "Turquoise", "Bubblegum", "Lime",
    "Gold", "Silver", "Rose gold", "Bronze",
    "Opal", "Aurora",
    "Prismatic",
    RESERVED_LABEL,
)

PATTERN_COLOURS = (
    "Chocolate", "Midnight", "Tangerine", "Cherry", "Forest", "Plum", "Ash", "Snow white",
    "Mustard", "Teal", "Brick", "Navy", "Berry", "Olive", "Ink", "Sandstone",
    "Electric blue", "Hot pink", "Neon green", "Violet", "Flame", "Aqua", "Sunshine", "Magenta",
    "Gold leaf", "Platinum", "Copper", "Obsidian",
    "Nebula", "Mother of pearl",
    "Starlight",
    RESERVED_LABEL,
)

BELLY_COLOURS = (
    "Milk", "Vanilla", "Blush", "Powder blue", "Pistachio", "Lemon", "Lavender", "Apricot",
    "Biscuit", "Cloud grey", "Aqua", "Coral", "Oat", "Dove grey", "Honey", "Mauve",
    "Candy pink", "Clear sky", "Mint cream", "Sunbeam", "Orchid", "Melon", "Ice", "Lime sherbet",
    "Pearl", "Champagne", "Moonstone", "Rose quartz",
    "Opal", "Unicorn",
    "Stardust",
    RESERVED_LABEL,
)

VARIANT_NAMES = (
    BODY_SHAPES, PATTERNS, EYE_SHAPES, EYE_COLOURS, MOUTHS, BODY_COLOURS, PATTERN_COLOURS, BELLY_COLOURS,
)
