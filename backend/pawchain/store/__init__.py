"""The game server's database: typed SQLAlchemy 2 models, sessions and Alembic migrations.

Imports nothing else of the game (the indexer and the API import it).
"""

from pawchain.store.auth_models import SignInNonce
from pawchain.store.database import clear_all, make_engine, session_factory, transaction
from pawchain.store.market_models import (
    MARKET_FEES_ROW,
    Auction,
    ClosedOrder,
    MarketFees,
    OrderCounter,
    Sale,
)
from pawchain.store.models import (
    BOOKKEEPING_TABLES,
    HISTORY_COLUMNS,
    Activity,
    Base,
    IndexerState,
    Pet,
    RecentBlock,
)
from pawchain.store.name_models import NAME_TABLES, NameChanges, PetName
from pawchain.store.order_models import (
    ORDER_BOOK_TABLES,
    ORDER_KINDS,
    SignedOrder,
    TraitOffer,
    TraitOfferPick,
)
from pawchain.store.picture_models import PICTURE_TABLES, Picture
from pawchain.store.relay_models import (
    OPERATIONAL_TABLES,
    MidwifeBirth,
    RelayAccount,
    RelayAttempt,
    RelayClaim,
    RelayClaimLock,
    RelayTransaction,
    SponsorUsage,
)
from pawchain.store.session_models import SESSION_TABLES, RateLimitCounter, WebSession
from pawchain.store.types import Uint256

__all__ = [
    "BOOKKEEPING_TABLES",
    "HISTORY_COLUMNS",
    "MARKET_FEES_ROW",
    "NAME_TABLES",
    "OPERATIONAL_TABLES",
    "ORDER_BOOK_TABLES",
    "ORDER_KINDS",
    "PICTURE_TABLES",
    "SESSION_TABLES",
    "Activity",
    "Auction",
    "Base",
    "ClosedOrder",
    "IndexerState",
    "MarketFees",
    "MidwifeBirth",
    "NameChanges",
    "OrderCounter",
    "Pet",
    "PetName",
    "Picture",
    "RateLimitCounter",
    "RecentBlock",
    "RelayAccount",
    "RelayAttempt",
    "RelayClaim",
    "RelayClaimLock",
    "RelayTransaction",
    "Sale",
    "SignInNonce",
    "SignedOrder",
    "SponsorUsage",
    "TraitOffer",
    "TraitOfferPick",
    "Uint256",
    "WebSession",
    "clear_all",
    "make_engine",
    "session_factory",
    "transaction",
]
