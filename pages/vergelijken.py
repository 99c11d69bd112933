import streamlit as st
st.title('vergelijken')
st.info('Deze pagina wordt nog gebouwd.')
